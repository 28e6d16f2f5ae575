using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AdminCenter.Hosting;

/// <summary>
/// The app protection status report's CSV export: a plain GET, so the page's Export is a link that needs no script.
/// The query string carries the page's filters and order; the whole filtered set is streamed, not the page in view.
/// </summary>
internal static class MonitoringEndpoints
{
    public const string ExportPath = "/apps/monitor/app-protection-status/export.csv";

    private const string SearchKey = "search";
    private const string OutcomeKey = "outcome";
    private const string ThreatLevelKey = "threatLevel";
    private const string PolicyKey = "policy";
    private const string SortKey = "sort";
    private const string OrderKey = "order";

    private static readonly Permission Needed = new Permission(PermissionCategory.ManagedApps, PermissionAction.Read);

    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, Results<PushStreamHttpResult, ProblemHttpResult> (
                HttpContext context, AppProtectionStatusQueries queries, TimeProvider timeProvider) =>
            {
                // The same Read the page needs (spec 06): a direct link is no way around it.
                if (MissingReadPermission(context.User) is { } forbidden)
                {
                    return TypedResults.Problem(forbidden, statusCode: StatusCodes.Status403Forbidden);
                }
                if (!TryParseFilter(context.Request.Query, out var filter, out var problem))
                {
                    return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
                }
                var aborted = context.RequestAborted;
                var fileName = $"app-protection-status-{timeProvider.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.csv";
                // Users' names and devices: nothing for a shared cache to keep.
                context.Response.Headers.CacheControl = "no-store";
                return TypedResults.Stream(
                    stream => AppProtectionStatusCsv.WriteAsync(queries.StreamAsync(filter, aborted), stream, aborted),
                    "text/csv; charset=utf-8",
                    fileName);
            })
            .RequireAuthorization()
            // Typed results mark an endpoint as an API (401, no redirect); this one is a browser link, so sign in instead.
            .AllowCookieRedirect();
        return endpoints;
    }

    /// <summary>Why <paramref name="user"/> may not export the report (spec 06: reads need Managed apps/Read), or null when they may.</summary>
    public static string? MissingReadPermission(System.Security.Claims.ClaimsPrincipal user)
    {
        return user.ToActor().May(Needed) ? null : $"You don't have permission to export the app protection status. It needs the {Needed} permission.";
    }

    /// <summary>The export's address for <paramref name="filter"/>, e.g. for the page's Export link.</summary>
    public static string ExportUrl(AppProtectionStatusFilter filter) => QueryHelpers.AddQueryString(ExportPath, Query(filter, withDefaultOrder: true));

    /// <summary>
    /// The filter and order as query parameters, the same for the page's own address and its export; the default order
    /// (last sync, newest first) is left out of the page's address.
    /// </summary>
    public static List<KeyValuePair<string, string?>> Query(AppProtectionStatusFilter filter, bool withDefaultOrder)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            query.Add(new(SearchKey, filter.Search.Trim()));
        }
        query.AddRange(filter.Outcomes.Select(o => new KeyValuePair<string, string?>(OutcomeKey, Name(o))));
        query.AddRange(filter.ThreatLevels.Select(l => new KeyValuePair<string, string?>(ThreatLevelKey, Name(l))));
        if (!string.IsNullOrWhiteSpace(filter.Policy))
        {
            query.Add(new(PolicyKey, filter.Policy));
        }
        if (withDefaultOrder || filter.Sort != AppProtectionStatusSort.LastSync || !filter.Descending)
        {
            query.Add(new(SortKey, Name(filter.Sort)));
            query.Add(new(OrderKey, filter.Descending ? "desc" : "asc"));
        }
        return query;
    }

    /// <summary>The page's filter from its address; values AdminCenter does not know are left out (an old bookmark still opens).</summary>
    public static AppProtectionStatusFilter PageFilter(string? search, string[]? outcomes, string[]? threatLevels, string? policy, string? sort, string? order)
    {
        var sorts = Known<AppProtectionStatusSort>(sort is null ? [] : [sort]);
        return new AppProtectionStatusFilter
        {
            Search = string.IsNullOrWhiteSpace(search) ? null : search,
            Outcomes = Known<EvaluationOutcome>(outcomes ?? []),
            ThreatLevels = Known<ReportedThreatLevel>(threatLevels ?? []),
            Policy = string.IsNullOrWhiteSpace(policy) ? null : policy,
            Sort = sorts.Count > 0 ? sorts[0] : AppProtectionStatusSort.LastSync,
            Descending = sorts.Count == 0 || !string.Equals(order, "asc", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static IReadOnlyList<T> Known<T>(IEnumerable<string> values)
        where T : struct, Enum =>
        [.. values.SelectMany(v => Enum.GetValues<T>().Where(e => string.Equals(e.ToString(), v, StringComparison.OrdinalIgnoreCase))).Distinct()];

    /// <summary>Reads what <see cref="ExportUrl"/> writes; an unknown value is a problem, not silently dropped.</summary>
    internal static bool TryParseFilter(IQueryCollection query, out AppProtectionStatusFilter filter, out string? problem)
    {
        filter = new AppProtectionStatusFilter();
        problem = null;
        if (!TryParseAll<EvaluationOutcome>(query[OutcomeKey], out var outcomes)
            || !TryParseAll<ReportedThreatLevel>(query[ThreatLevelKey], out var levels)
            || !TryParseAll<AppProtectionStatusSort>(query[SortKey], out var sorts))
        {
            problem = "The export's filter has a value AdminCenter does not know; export again from the App protection status page.";
            return false;
        }
        var order = query[OrderKey].ToString();
        if (order is not ("" or "asc" or "desc"))
        {
            problem = "The export's order must be asc or desc.";
            return false;
        }
        filter = new AppProtectionStatusFilter
        {
            Search = NullIfEmpty(query[SearchKey]),
            Outcomes = outcomes,
            ThreatLevels = levels,
            Policy = NullIfEmpty(query[PolicyKey]),
            Sort = sorts.Count > 0 ? sorts[^1] : AppProtectionStatusSort.LastSync,
            Descending = order != "asc",
        };
        return true;
    }

    private static bool TryParseAll<T>(StringValues values, out IReadOnlyList<T> parsed)
        where T : struct, Enum
    {
        var result = new List<T>();
        parsed = result;
        foreach (var value in values)
        {
            // Names only: Enum.TryParse would also take numbers.
            var match = Enum.GetValues<T>().Where(v => string.Equals(v.ToString(), value, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                return false;
            }
            result.Add(match[0]);
        }
        return true;
    }

    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string? NullIfEmpty(StringValues values) =>
        values.ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null;
}
