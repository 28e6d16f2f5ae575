using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;

namespace AdminCenter.Api;

/// <summary>The partner endpoints (spec 05 §2): <c>/partner/v1/connectors/{connectorId}/...</c>.</summary>
internal static class PartnerEndpoints
{
    public static RouteGroupBuilder MapPartnerEndpoints(this RouteGroupBuilder partner)
    {
        var connector = partner.MapGroup("/connectors/{connectorId}");
        connector.MapPost("/heartbeat", HeartbeatAsync);
        connector.MapPost("/deprovision", DeprovisionAsync);
        connector.MapPost("/healthReports", HealthReportsAsync);
        return partner;
    }

    private static async Task<IResult> HeartbeatAsync(string connectorId, HttpContext context, MtdConnectorService connectors)
    {
        var (heartbeat, error) = await ApiJson.ReadAsync<HeartbeatRequest>(context);
        if (error is not null)
        {
            return error;
        }
        if (heartbeat!.Status is not ("ok" or "error"))
        {
            return GraphErrors.BadRequest(context, "The property 'status' must be \"ok\" or \"error\".");
        }
        var errorMessage = heartbeat.Status == "error" ? heartbeat.Message ?? "no message" : null;
        return ToResult(context, await connectors.RecordHeartbeatAsync(connectorId, errorMessage, heartbeat.ErrorCode, context.RequestAborted));
    }

    private static async Task<IResult> DeprovisionAsync(string connectorId, HttpContext context, MtdConnectorService connectors)
    {
        if (await ApiJson.ReadNoBodyAsync(context) is { } error)
        {
            return error;
        }
        return ToResult(context, await connectors.DeprovisionAsync(connectorId, context.RequestAborted));
    }

    /// <summary>One report, or <c>{"value": [ ... up to 1000 ... ]}</c>; the answer has one entry per item.</summary>
    private static async Task<IResult> HealthReportsAsync(string connectorId, HttpContext context, HealthReportIngestion ingestion)
    {
        var (body, error) = await ApiJson.ReadDocumentAsync(context);
        if (error is not null)
        {
            return error;
        }
        IReadOnlyList<HealthReportInput>? items;
        string? problem;
        using (body)
        {
            (items, problem) = HealthReportBody.Parse(body!.RootElement);
        }
        if (problem is not null)
        {
            return GraphErrors.BadRequest(context, problem);
        }
        var result = await ingestion.IngestAsync(connectorId, items!, context.RequestAborted);
        if (!result.Succeeded)
        {
            return ApiResults.Error(context, result);
        }
        var answers = result.Value!.Select(r => new HealthReportAnswer(r.Index, r.Accepted ? "accepted" : "refused", r.Reason)).ToList();
        return Results.Json(new HealthReportsResponse(answers.Count(a => a.Status == "accepted"), answers.Count(a => a.Status == "refused"), answers), ApiJson.Options);
    }

    private static IResult ToResult(HttpContext context, ServiceResult<MtdConnectorDetails> result) => result.Outcome switch
    {
        ServiceOutcome.Succeeded => Results.Json(ConnectorStatusResponse.From(result.Value!), ApiJson.Options),
        ServiceOutcome.NotFound => GraphErrors.NotFound(context, result.Problems[0].Message),
        ServiceOutcome.Conflict => GraphErrors.Conflict(context, result.Problems[0].Message),
        _ => GraphErrors.BadRequest(context, string.Join(" ", result.Problems.Select(p => p.Message))),
    };

    private sealed record HealthReportAnswer(int Index, string Status, string? Reason);

    private sealed record HealthReportsResponse(int Accepted, int Refused, IReadOnlyList<HealthReportAnswer> Value);

    internal sealed record HeartbeatRequest(
        [FieldKind(FieldKind.Identifier)] string Status,
        int? ErrorCode = null,
        [FieldKind(FieldKind.Message)] string? Message = null);

    private sealed record ConnectorStatusResponse(string Id, string PartnerState, DateTime? LastHeartbeatDateTime)
    {
        public static ConnectorStatusResponse From(MtdConnectorDetails details) =>
            new(details.Partner.ConnectorId, details.State.ToGraphName(), details.LastSynchronizedUtc);
    }
}
