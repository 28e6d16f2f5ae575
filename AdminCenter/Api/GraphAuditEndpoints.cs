using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Roles;

namespace AdminCenter.Api;

/// <summary>
/// Graph beta's <c>deviceManagement/auditEvents</c> (spec 06): the audit log in Graph's <c>auditEvent</c> shape, newest
/// first. <c>$filter</c> takes <c>activityDateTime</c> with ge/le and <c>category</c> and <c>actor/userPrincipalName</c>
/// with eq, joined by <c>and</c>: a small parser of its own, since <see cref="GraphQuery"/> knows only <c>eq</c> on
/// top-level properties. Pages follow <c>@odata.nextLink</c>, which carries an opaque <c>$skiptoken</c>.
/// </summary>
internal static partial class GraphAuditEndpoints
{
    public const string Path = "/graph/beta/deviceManagement/auditEvents";
    private static readonly Permission AuditDataRead = new(PermissionCategory.AuditData, PermissionAction.Read);
    private const string FilterHelp =
        "$filter supports 'activityDateTime ge <time>', 'activityDateTime le <time>', \"category eq '...'\" and " +
        "\"actor/userPrincipalName eq '...'\" joined by 'and', e.g. activityDateTime ge 2026-11-01T00:00:00Z and category eq 'Mobile Threat Defense'";

    public static void MapGraphAuditEndpoints(this WebApplication app)
    {
        app.MapGroup("/graph/beta")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser())
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .MapGet("/deviceManagement/auditEvents", (HttpContext context, AuditEventQueries audit) => ListAsync(context, audit));
    }

    private static async Task<IResult> ListAsync(HttpContext context, AuditEventQueries audit)
    {
        if (GraphEntities.Forbidden(context, AuditDataRead, "Reading audit events") is { } forbidden)
        {
            return forbidden;
        }
        var (options, problem) = ParseOptions(context.Request.Query);
        if (options is null)
        {
            return GraphErrors.BadRequest(context, problem!);
        }
        var page = await audit.ListAsync(options.Filter, options.Skip, options.Top, context.RequestAborted);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["@odata.context"] = $"{GraphEntities.Base(context, GraphVersion.Beta)}/$metadata#deviceManagement/auditEvents",
            ["value"] = page.Items.Select(ToGraph).ToList(),
        };
        var next = options.Skip + page.Items.Count;
        if (page.Items.Count > 0 && next < page.TotalCount)
        {
            body["@odata.nextLink"] = NextLink(context, next);
        }
        return Results.Json(body, ApiJson.Options);
    }

    internal sealed record AuditQueryOptions(AuditEventFilter Filter, int Top, int Skip);

    internal static (AuditQueryOptions? Options, string? Problem) ParseOptions(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            if (key.StartsWith('$') && key.ToLowerInvariant() is not ("$top" or "$skiptoken" or "$filter"))
            {
                return (null, $"The query option '{JsonBodySchema.Shown(key)}' is not supported here; use $top, $filter and @odata.nextLink's $skiptoken.");
            }
            if (key.StartsWith('$') && values.Count != 1)
            {
                return (null, $"The query option '{key}' appears more than once; send it once.");
            }
        }
        var top = GraphEntities.PageSize;
        if (GraphQuery.Value(query, "$top") is { } topText
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > GraphQuery.MaxTop))
        {
            return (null, $"$top must be a whole number from 1 to {GraphQuery.MaxTop}.");
        }
        var skip = 0;
        if (GraphQuery.Value(query, "$skiptoken") is { } token && !TryReadSkipToken(token, out skip))
        {
            return (null, "$skiptoken is not one AdminCenter gave out; follow @odata.nextLink as it is.");
        }
        var filter = new AuditEventFilter();
        if (GraphQuery.Value(query, "$filter") is { } filterText)
        {
            var (parsed, problem) = ParseFilter(filterText);
            if (parsed is null)
            {
                return (null, problem);
            }
            filter = parsed;
        }
        return (new AuditQueryOptions(filter, top, skip), null);
    }

    private static (AuditEventFilter? Filter, string? Problem) ParseFilter(string text)
    {
        var filter = new AuditEventFilter();
        foreach (var clause in AndSeparator().Split(text.Trim()))
        {
            var match = Clause().Match(clause.Trim());
            if (!match.Success)
            {
                return (null, $"The $filter '{JsonBodySchema.Shown(text)}' is not supported. {FilterHelp}.");
            }
            var (property, op) = (match.Groups["property"].Value, match.Groups["op"].Value.ToLowerInvariant());
            var quoted = match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal) : null;
            switch (property.ToLowerInvariant(), op)
            {
                case ("activitydatetime", "ge" or "le"):
                    if (quoted is not null || !DateTime.TryParse(match.Groups["bare"].Value, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                    {
                        return (null, $"activityDateTime must be compared with an ISO 8601 time such as 2026-11-01T00:00:00Z, not '{JsonBodySchema.Shown(match.Groups["value"].Value)}'.");
                    }
                    filter = op == "ge" ? filter with { From = time } : filter with { To = time };
                    break;
                case ("category", "eq") when quoted is not null:
                    filter = filter with { Category = quoted };
                    break;
                case ("actor/userprincipalname", "eq") when quoted is not null:
                    filter = filter with { InitiatedBy = quoted };
                    break;
                default:
                    return (null, $"'{JsonBodySchema.Shown(clause.Trim())}' cannot be used in $filter. {FilterHelp}.");
            }
        }
        return (filter, null);
    }

    private static Dictionary<string, object?> ToGraph(AuditEvent audit) => new(StringComparer.Ordinal)
    {
        ["@odata.type"] = "#microsoft.graph.auditEvent",
        ["id"] = audit.Id,
        ["displayName"] = audit.Activity,
        ["componentName"] = audit.Category,
        ["activity"] = audit.Activity,
        ["activityDateTime"] = GraphEntities.Timestamp(audit.ActivityDateTime),
        ["activityType"] = audit.Activity,
        ["activityOperationType"] = audit.ActivityType.ToString(),
        ["activityResult"] = audit.Result.ToString(),
        ["correlationId"] = audit.CorrelationId,
        ["category"] = audit.Category,
        ["actor"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["@odata.type"] = "#microsoft.graph.auditActor",
            ["type"] = ActorType(audit.InitiatedBy),
            ["userPrincipalName"] = audit.InitiatedBy,
            ["applicationDisplayName"] = audit.InitiatedBy.StartsWith(AuditActors.ApiTokenPrefix, StringComparison.Ordinal)
                ? audit.InitiatedBy[AuditActors.ApiTokenPrefix.Length..] : null,
        },
        ["resources"] = new[]
        {
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["@odata.type"] = "#microsoft.graph.auditResource",
                ["displayName"] = audit.TargetDisplayName,
                ["type"] = audit.TargetType,
                ["resourceId"] = audit.TargetId,
                ["modifiedProperties"] = audit.ModifiedProperties
                    .Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["displayName"] = p.Name,
                        ["oldValue"] = p.OldValue,
                        ["newValue"] = p.NewValue,
                    })
                    .ToList(),
            },
        },
    };

    private static string ActorType(string initiatedBy) =>
        initiatedBy == AuditActors.System ? "System"
        : initiatedBy.StartsWith(AuditActors.ApiTokenPrefix, StringComparison.Ordinal) ? "Application"
        : initiatedBy.Contains('@', StringComparison.Ordinal) ? "User"
        : "Partner";

    private static string NextLink(HttpContext context, int skip)
    {
        var request = context.Request;
        var link = new StringBuilder($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?");
        foreach (var (key, values) in request.Query)
        {
            if (!key.Equals("$skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                link.Append(Escape(key)).Append('=').Append(Escape(values.ToString())).Append('&');
            }
        }
        return link.Append("$skiptoken=").Append(Base64UrlSkip(skip)).ToString();
    }

    private static string Base64UrlSkip(int skip) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.ASCII.GetBytes("skip:" + skip.ToString(CultureInfo.InvariantCulture)));

    private static bool TryReadSkipToken(string token, out int skip)
    {
        skip = 0;
        try
        {
            var text = Encoding.ASCII.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
            return text.StartsWith("skip:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out skip);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Escape(string text) => Uri.EscapeDataString(text).Replace("%24", "$", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^(?<property>[A-Za-z/]+)\s+(?<op>eq|ge|le)\s+(?<value>'(?<quoted>(?:[^']|'')*)'|(?<bare>\S+))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Clause();
}
