using System.Globalization;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminCenter.Hosting;

/// <summary>
/// The audit log's CSV export: a plain GET the page links to, carrying the page's filters; the whole filtered set is
/// streamed, not the page in view.
/// </summary>
internal static class AuditLogEndpoints
{
    public const string ExportPath = "/tenant-admin/audit-logs/export.csv";

    private const string FromKey = "from";
    private const string ToKey = "to";
    private const string CategoryKey = "category";
    private const string InitiatedByKey = "initiatedBy";
    private const string ActivityKey = "activity";

    private static readonly Permission Needed = new Permission(PermissionCategory.AuditData, PermissionAction.Read);

    public static IEndpointRouteBuilder MapAuditLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, Results<PushStreamHttpResult, ProblemHttpResult> (
                HttpContext context, AuditEventQueries queries, TimeProvider timeProvider) =>
            {
                // The same Read the page needs (spec 06): a direct link is no way around it.
                if (!context.User.ToActor().May(Needed))
                {
                    return TypedResults.Problem($"You don't have permission to export this. It needs {Needed}.", statusCode: StatusCodes.Status403Forbidden);
                }
                if (!TryParseFilter(context.Request.Query, out var filter, out var problem))
                {
                    return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
                }
                var aborted = context.RequestAborted;
                var fileName = $"audit-logs-{timeProvider.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.csv";
                context.Response.Headers.CacheControl = "no-store";
                return TypedResults.Stream(
                    stream => AuditEventCsv.WriteAsync(queries.StreamAsync(filter, aborted), stream, aborted),
                    "text/csv; charset=utf-8",
                    fileName);
            })
            .RequireAuthorization()
            .AllowCookieRedirect();
        return endpoints;
    }

    /// <summary>The export's address for <paramref name="filter"/>: the page's Export to CSV link.</summary>
    public static string ExportUrl(AuditEventFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new List<KeyValuePair<string, string?>>();
        if (filter.From is { } from)
        {
            query.Add(new(FromKey, Iso(from)));
        }
        if (filter.To is { } to)
        {
            query.Add(new(ToKey, Iso(to)));
        }
        AddIfSet(query, CategoryKey, filter.Category);
        AddIfSet(query, InitiatedByKey, filter.InitiatedBy);
        AddIfSet(query, ActivityKey, filter.Activity);
        return QueryHelpers.AddQueryString(ExportPath, query);
    }

    internal static bool TryParseFilter(IQueryCollection query, out AuditEventFilter filter, out string? problem)
    {
        filter = new AuditEventFilter();
        problem = null;
        if (!TryParseTime(query[FromKey], out var from) || !TryParseTime(query[ToKey], out var to))
        {
            problem = "The export's dates must be ISO 8601 UTC times, e.g. 2026-11-25T00:00:00Z; export again from the Audit logs page.";
            return false;
        }
        filter = new AuditEventFilter
        {
            From = from,
            To = to,
            Category = NullIfBlank(query[CategoryKey]),
            InitiatedBy = NullIfBlank(query[InitiatedByKey]),
            Activity = NullIfBlank(query[ActivityKey]),
        };
        return true;
    }

    private static bool TryParseTime(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void AddIfSet(List<KeyValuePair<string, string?>> query, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add(new(key, value));
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
