using System.Globalization;
using System.Security.Claims;
using System.Text;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <param name="Name">The Graph property name.</param>
/// <param name="Kind">Its type, for <c>$filter</c>.</param>
/// <param name="Value">Its value for an item.</param>
/// <param name="Filterable">Whether <c>$filter</c> may name it (the Core query filters on it in SQL).</param>
internal sealed record GraphProperty<T>(string Name, GraphValueKind Kind, Func<T, object?> Value, bool Filterable = false) : IGraphProperty;

/// <summary>A Graph entity set read from Core: its path, type, properties and query options (the same in v1.0 and beta).</summary>
internal sealed record GraphEntitySet<T>(string Path, string ODataType, IReadOnlyList<GraphProperty<T>> Properties, string FilterExample)
{
    public GraphQueryTarget<GraphProperty<T>> Query { get; } =
        new(ODataType.Split('.')[^1], _ => Properties, p => p.Filterable, FilterExample);
}

/// <summary>Graph's JSON for lists and single items, links and role checks shared by the Graph endpoints (spec 05 §1).</summary>
internal static class GraphEntities
{
    /// <summary>Without <c>$top</c>, a page holds this many items, as Graph's directory does.</summary>
    public const int PageSize = 100;

    /// <summary>Parses the query of a collection or item request, or gives the 400 to send.</summary>
    public static (GraphQuery<GraphProperty<T>>? Query, IResult? Error) Parse<T>(HttpContext context, GraphVersion version, GraphEntitySet<T> set, bool collection)
    {
        var (query, problem) = GraphQuery.Parse(context.Request.Query, version, collection, set.Query);
        return query is null ? (null, GraphErrors.BadRequest(context, problem!)) : (query, null);
    }

    /// <summary>
    /// <c>{"@odata.context", "@odata.count"?, "value", "@odata.nextLink"?}</c>: the next link leads past this page while
    /// <paramref name="hasMore"/> says items remain.
    /// </summary>
    public static IResult List<T>(HttpContext context, GraphVersion version, GraphEntitySet<T> set, GraphQuery<GraphProperty<T>> query,
        IReadOnlyList<T> page, bool hasMore, int? total, string? contextPath = null)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@odata.context"] = Context(context, version, contextPath ?? set.Path, query.Select) };
        if (query.Count)
        {
            body["@odata.count"] = total;
        }
        var properties = query.Select ?? set.Properties;
        body["value"] = page.Select(item => Entity(set, item, properties, odataContext: null)).ToList();
        if (page.Count > 0 && hasMore)
        {
            body["@odata.nextLink"] = NextLink(context, query.Skip + page.Count);
        }
        return Results.Json(body, ApiJson.Options);
    }

    public static IResult Item<T>(HttpContext context, GraphVersion version, GraphEntitySet<T> set, GraphQuery<GraphProperty<T>> query, T item) =>
        Results.Json(Entity(set, item, query.Select ?? set.Properties, Context(context, version, set.Path, query.Select) + "/$entity"), ApiJson.Options);

    /// <summary>How many items to ask Core for: <c>$top</c>, else a page.</summary>
    public static int Take<T>(GraphQuery<T> query)
        where T : class, IGraphProperty => query.Top ?? PageSize;

    /// <summary>
    /// 403 naming the permission the caller lacks (spec 06), decided by the caller's <see cref="Actor"/>: the one rule set the
    /// Core services and the pages apply too. Null when the caller may.
    /// </summary>
    public static IResult? Forbidden(HttpContext context, Permission needed, string action) =>
        context.User.ToActor().May(needed) ? null : Refuse(context, needed, action);

    /// <summary>The 403 for a change refused for <paramref name="needed"/>, by an endpoint or by the Core service behind it.</summary>
    public static IResult Refuse(HttpContext context, Permission needed, string action)
    {
        var roles = context.User.FindAll(ClaimTypes.Role).Select(claim => claim.Value).ToList();
        var catalog = context.RequestServices.GetRequiredService<RoleCatalog>();
        return GraphErrors.Forbidden(context,
            $"{action} needs the {needed} permission ({string.Join(", ", catalog.Holders(needed))}); this token's role ({(roles.Count == 0 ? "none" : string.Join(", ", roles))}) does not have it.");
    }

    /// <summary>The version <c>If-Match</c> expects (null when absent or <c>*</c>), or why the header cannot be read.</summary>
    public static (int? Version, string? Problem) ExpectedVersion(HttpContext context, string entityName)
    {
        var header = context.Request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return (null, null);
        }
        var expected = $"If-Match must be the {entityName}'s @odata.etag, such as W/\"3\", or *.";
        if (!Microsoft.Net.Http.Headers.EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1)
        {
            return (null, expected);
        }
        var tag = tags[0];
        if (tag.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any))
        {
            return (null, null);
        }
        return int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? (version, null) : (null, expected);
    }

    public static string Base(HttpContext context, GraphVersion version) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/graph/{version.Segment}";

    /// <summary>Graph's form of a date-time (spec 05): ISO 8601 in UTC with a Z; the database gives back unspecified-kind UTC values.</summary>
    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Entity<T>(GraphEntitySet<T> set, T item, IReadOnlyList<GraphProperty<T>> properties, string? odataContext)
    {
        var entity = new Dictionary<string, object?>(properties.Count + 2, StringComparer.Ordinal);
        if (odataContext is not null)
        {
            entity["@odata.context"] = odataContext;
        }
        entity["@odata.type"] = set.ODataType;
        foreach (var property in properties)
        {
            entity[property.Name] = property.Value(item);
        }
        return entity;
    }

    private static string Context<T>(HttpContext context, GraphVersion version, string path, IReadOnlyList<T>? select)
        where T : IGraphProperty =>
        $"{Base(context, version)}/$metadata#{path}" + (select is null ? "" : $"({string.Join(",", select.Select(p => p.Name))})");

    /// <summary>The same request with <c>$skip</c> moved past this page.</summary>
    public static string NextLink(HttpContext context, int skip)
    {
        var request = context.Request;
        var link = new StringBuilder($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?");
        foreach (var (key, values) in request.Query)
        {
            if (!key.Equals("$skip", StringComparison.OrdinalIgnoreCase))
            {
                link.Append(Escape(key)).Append('=').Append(Escape(values.ToString())).Append('&');
            }
        }
        return link.Append(CultureInfo.InvariantCulture, $"$skip={skip}").ToString();
    }

    // OData's option names keep their '$' (it is allowed in a query), everything else is escaped.
    private static string Escape(string text) => Uri.EscapeDataString(text).Replace("%24", "$", StringComparison.Ordinal);
}
