using AdminCenter.Core.ConditionalAccess;

namespace AdminCenter.Api;

/// <summary>Conditional Access (spec 05 §4): <c>/ca/v1/evaluate</c> decides a sign-in and logs it.</summary>
internal static class ConditionalAccessEndpoints
{
    public static RouteGroupBuilder MapConditionalAccessEndpoints(this RouteGroupBuilder ca)
    {
        ca.MapPost("/evaluate", EvaluateAsync);
        return ca;
    }

    private static async Task<IResult> EvaluateAsync(HttpContext context, ConditionalAccessService conditionalAccess)
    {
        var (request, error) = await ApiJson.ReadAsync<SignInRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var result = await conditionalAccess.EvaluateAsync(request!, context.RequestAborted);
        return result.Succeeded ? Results.Json(EvaluateResponse.From(result.Value!), ApiJson.Options) : ApiResults.Error(context, result);
    }

    private sealed record EvaluateResponse(string Result, bool ReportOnly, IReadOnlyList<string> Reasons, IReadOnlyList<string> Remediation)
    {
        public static EvaluateResponse From(ConditionalAccessDecision decision) =>
            new(decision.Granted ? "grant" : "block", decision.ReportOnly, decision.Reasons, decision.Remediation);
    }
}
