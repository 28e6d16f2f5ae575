using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminCenter.Hosting;

/// <summary>The app configuration status report's CSV export: the whole filtered set, streamed, for a Managed apps/Read admin.</summary>
internal static class AppConfigurationStatusEndpoints
{
    public const string ExportPath = "/apps/monitor/app-configuration-status/export.csv";

    public static IEndpointRouteBuilder MapAppConfigurationStatusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, (HttpContext context, AppConfigurationStatusQueries queries, TimeProvider timeProvider) =>
            {
                if (!context.User.ToActor().May(PermissionCategory.ManagedApps, PermissionAction.Read))
                {
                    return Results.Problem("Exporting the app configuration status needs the Managed apps/Read permission.", statusCode: StatusCodes.Status403Forbidden);
                }
                var search = context.Request.Query["search"].ToString();
                var filter = new AppConfigurationStatusFilter(string.IsNullOrWhiteSpace(search) ? null : search,
                    string.Equals(context.Request.Query["conflicts"], "true", StringComparison.OrdinalIgnoreCase));
                var aborted = context.RequestAborted;
                context.Response.Headers.CacheControl = "no-store";
                return Results.Stream(
                    stream => AppConfigurationStatusCsv.WriteAsync(queries.StreamAsync(filter, aborted), stream, aborted),
                    "text/csv; charset=utf-8",
                    $"app-configuration-status-{timeProvider.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.csv");
            })
            .RequireAuthorization()
            .AllowCookieRedirect();
        return endpoints;
    }

    public static string ExportUrl(AppConfigurationStatusFilter filter)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            query["search"] = filter.Search.Trim();
        }
        if (filter.ConflictsOnly)
        {
            query["conflicts"] = "true";
        }
        return QueryHelpers.AddQueryString(ExportPath, query);
    }
}
