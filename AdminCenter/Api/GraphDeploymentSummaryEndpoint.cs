using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <summary>
/// Graph beta's <c>windowsManagedAppProtections/{id}/deploymentSummary</c> (spec 07, Report parity): the
/// <c>managedAppPolicyDeploymentSummary</c> of a policy, computed at the request from the same query as its Properties page.
/// </summary>
internal static class GraphDeploymentSummaryEndpoint
{
    private const string ODataType = "#microsoft.graph.managedAppPolicyDeploymentSummary";
    private const string PerAppODataType = "#microsoft.graph.managedAppPolicyDeploymentSummaryPerApp";

    public static async Task<IResult> GetAsync(string id, HttpContext context, AppProtectionCoverageQueries queries)
    {
        var result = await queries.GetDeploymentSummaryAsync(context.User.ToActor(), id, context.RequestAborted);
        switch (result.Outcome)
        {
            case ServiceOutcome.Forbidden:
                return GraphEntities.Forbidden(context, result.MissingPermission!.Value, "Reading Windows app protection policies")
                    ?? GraphErrors.Forbidden(context, result.Problems[0].Message);
            case ServiceOutcome.NotFound:
                return GraphErrors.NotFound(context, $"There is no Windows app protection policy with id '{JsonBodySchema.Shown(id)}'.");
        }
        var summary = result.Value!;
        var path = $"{GraphPolicyShape.EntitySet}('{Uri.EscapeDataString(summary.PolicyId)}')/deploymentSummary";
        return Results.Json(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["@odata.context"] = $"{GraphEntities.Base(context, GraphVersion.Beta)}/$metadata#{path}/$entity",
            ["@odata.type"] = ODataType,
            ["id"] = summary.PolicyId,
            ["displayName"] = summary.DisplayName,
            ["configurationDeployedUserCount"] = summary.AppliedUserCount,
            ["lastRefreshTime"] = GraphEntities.Timestamp(summary.LastRefreshDateTime),
            ["configurationDeploymentSummaryPerApp"] = summary.PerApp.Select(app => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["@odata.type"] = PerAppODataType,
                ["mobileAppIdentifier"] = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["@odata.type"] = GraphPolicyShape.AppIdentifierODataType,
                    ["windowsAppId"] = app.AppId,
                },
                ["configurationAppliedUserCount"] = app.AppliedUserCount,
            }).ToList(),
            ["version"] = summary.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, ApiJson.Options);
    }
}
