using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;

namespace AdminCenter.Api;

/// <summary>The MAM client endpoints (spec 05 §3): <c>/mam/v1/checkIn</c>, <c>wipeResult</c>, <c>signOut</c>.</summary>
internal static class MamEndpoints
{
    public static RouteGroupBuilder MapMamEndpoints(this RouteGroupBuilder mam)
    {
        mam.MapPost("/checkIn", CheckInAsync);
        mam.MapPost("/wipeResult", WipeResultAsync);
        mam.MapPost("/signOut", SignOutAsync);
        return mam;
    }

    private static async Task<IResult> CheckInAsync(HttpContext context, MamCheckInService mam)
    {
        var (request, error) = await ApiJson.ReadAsync<CheckInRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var result = await mam.CheckInAsync(request!, context.RequestAborted);
        return result.Succeeded ? Results.Json(CheckInResponse.From(result.Value!), ApiJson.Options) : ApiResults.Error(context, result);
    }

    private static async Task<IResult> WipeResultAsync(HttpContext context, MamCheckInService mam)
    {
        var (request, error) = await ApiJson.ReadAsync<WipeResultRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var result = await mam.RecordWipeResultAsync(request!.RegistrationId, request.Succeeded, request.Message, context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : ApiResults.Error(context, result);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, MamCheckInService mam)
    {
        var (request, error) = await ApiJson.ReadAsync<SignOutRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var result = await mam.SignOutAsync(request!.UserPrincipalName, request.AppId, request.AzureAdDeviceId, context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : ApiResults.Error(context, result);
    }

    internal sealed record WipeResultRequest(
        [FieldKind(FieldKind.Identifier)] string RegistrationId,
        bool Succeeded,
        [FieldKind(FieldKind.Message)] string? Message = null);

    internal sealed record SignOutRequest(
        [FieldKind(FieldKind.UserPrincipalName)] string UserPrincipalName,
        [FieldKind(FieldKind.Identifier)] string AppId,
        [FieldKind(FieldKind.Identifier)] string AzureAdDeviceId);

    private sealed record CheckInResponse(
        string RegistrationId,
        EvaluationOutcome Outcome,
        IReadOnlyList<ReasonResponse> Reasons,
        IReadOnlyList<PolicyResponse> Policies,
        bool WipeRequested,
        int NextCheckInSeconds,
        AppConfigurationResponse AppConfiguration)
    {
        public static CheckInResponse From(CheckInResult result) => new(
            result.RegistrationId,
            result.Outcome,
            result.Reasons.Select(r => new ReasonResponse(string.IsNullOrEmpty(r.PolicyId) ? null : r.PolicyId, r.Setting, r.Expected, r.Actual, r.Action, r.Remediation)).ToList(),
            result.Policies.Select(p => new PolicyResponse(p.Id, p.DisplayName, p.Settings)).ToList(),
            result.WipeRequested,
            result.NextCheckInSeconds,
            AppConfigurationResponse.From(result.AppConfiguration ?? AppConfigurationDeliveryResult.Empty));
    }

    private sealed record ReasonResponse(string? PolicyId, string Setting, string Expected, string Actual, EvaluationOutcome Action, string Remediation);

    /// <summary>Spec 07: the settings delivered (tokens replaced, conflicts withheld) and the ids of the policies that apply.</summary>
    private sealed record AppConfigurationResponse(IReadOnlyList<SettingResponse> Settings, IReadOnlyList<string> Policies)
    {
        public static AppConfigurationResponse From(AppConfigurationDeliveryResult result) =>
            new([.. result.Settings.Select(s => new SettingResponse(s.Name, s.Value))], [.. result.Policies.Select(p => p.Id)]);
    }

    private sealed record SettingResponse(string Name, string Value);

    private sealed record PolicyResponse(string Id, string DisplayName, WindowsAppProtectionSettings Settings);
}

/// <summary>Maps a Core service result to the API's status codes and Graph-style error.</summary>
internal static class ApiResults
{
    public static IResult Error<T>(HttpContext context, ServiceResult<T> result)
    {
        var message = string.Join(" ", result.Problems.Select(p => p.Message));
        return result.Outcome switch
        {
            ServiceOutcome.NotFound => GraphErrors.NotFound(context, message),
            ServiceOutcome.Conflict => GraphErrors.Conflict(context, message),
            ServiceOutcome.Forbidden when result.MissingPermission is { } missing => GraphEntities.Refuse(context, missing, "This change"),
            _ => GraphErrors.BadRequest(context, message),
        };
    }
}
