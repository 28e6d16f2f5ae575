using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <summary>
/// Graph's <c>deviceManagement/mobileThreatDefenseConnectors</c> under <c>/graph/v1.0</c> and <c>/graph/beta</c> (spec 05 §1).
/// Every change goes through <see cref="MtdConnectorService"/> with the UI's rules and messages, so it shows in the UI at
/// once and re-evaluates registrations like a UI change.
/// </summary>
internal static class GraphConnectorEndpoints
{
    /// <summary>Without <c>$top</c>, a page holds this many connectors (the catalogue has fewer, so one page in practice).</summary>
    public const int PageSize = 100;


    public static void MapGraphConnectorEndpoints(this WebApplication app)
    {
        foreach (var version in GraphVersion.All)
        {
            // Roles are checked in the handlers, so that a 403 names the permission the token's role lacks.
            var graph = app.MapGroup($"/graph/{version.Segment}")
                .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser())
                .RequireRateLimiting(ApiRateLimiting.Policy);
            const string Collection = "/" + GraphConnectorShape.EntitySet;
            const string Item = Collection + "/{id}";
            graph.MapGet(Collection, (HttpContext context, MtdConnectorService service) => ListAsync(context, service, version));
            graph.MapPost(Collection, (HttpContext context, MtdConnectorService service) => CreateAsync(context, service, version));
            graph.MapGet(Item, (string id, HttpContext context, MtdConnectorService service) => GetAsync(id, context, service, version));
            graph.MapPatch(Item, (string id, HttpContext context, MtdConnectorService service) => UpdateAsync(id, context, service, version));
            graph.MapDelete(Item, (string id, HttpContext context, MtdConnectorService service) => DeleteAsync(id, context, service));
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, MtdConnectorService service, GraphVersion version)
    {
        if (Forbidden(context, write: false) is { } forbidden)
        {
            return forbidden;
        }
        var (query, problem) = GraphQuery.Parse(context.Request.Query, version, collection: true);
        if (query is null)
        {
            return GraphErrors.BadRequest(context, problem!);
        }
        var matching = (await service.ListDetailsAsync(context.RequestAborted)).Where(query.Matches).ToList();
        // As in Graph, $top sets the page size; @odata.nextLink leads to the next page while connectors remain.
        var page = matching.Skip(query.Skip).Take(query.Top ?? PageSize).ToList();
        var properties = query.Select ?? GraphConnectorShape.For(version);

        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@odata.context"] = Context(context, version, query.Select) };
        if (query.Count)
        {
            body["@odata.count"] = matching.Count;
        }
        body["value"] = page.Select(c => GraphConnectorShape.Entity(c, properties)).ToList();
        if (page.Count > 0 && query.Skip + page.Count < matching.Count)
        {
            body["@odata.nextLink"] = NextLink(context, query.Skip + page.Count);
        }
        return Results.Json(body, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, MtdConnectorService service, GraphVersion version)
    {
        if (Forbidden(context, write: false) is { } forbidden)
        {
            return forbidden;
        }
        var (query, problem) = GraphQuery.Parse(context.Request.Query, version, collection: false);
        if (query is null)
        {
            return GraphErrors.BadRequest(context, problem!);
        }
        var connector = await service.GetAsync(id, context.RequestAborted);
        return connector is null ? NotFound(context, id) : Entity(context, version, connector, StatusCodes.Status200OK, query.Select);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, MtdConnectorService service, GraphVersion version)
    {
        if (Forbidden(context, write: true) is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = version.IsBeta
            ? await ReadAsync<GraphConnectorCreateBeta>(context, version)
            : await ReadAsync<GraphConnectorCreate>(context, version);
        if (error is not null)
        {
            return error;
        }
        if (body!.Problem() is { } problem)
        {
            return GraphErrors.BadRequest(context, problem);
        }
        var partnerId = body is GraphConnectorCreateBeta beta ? beta.Id : ((GraphConnectorCreate)body).Id;
        var defaults = PartnerCatalog.TryFind(partnerId, out var partner) ? MtdConnectorSettings.DefaultsFor(partner) : new MtdConnectorSettings();
        var result = await service.CreateAsync(partnerId, body.ApplyTo(defaults), context.User.ToActor(), context.RequestAborted);
        if (!result.Succeeded)
        {
            return ApiResults.Error(context, result);
        }
        var created = result.Value!;
        context.Response.Headers.Location = $"{Base(context, version)}/{GraphConnectorShape.EntitySet}/{Uri.EscapeDataString(created.Partner.ConnectorId)}";
        return Entity(context, version, created, StatusCodes.Status201Created, select: null);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, MtdConnectorService service, GraphVersion version)
    {
        if (Forbidden(context, write: true) is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = version.IsBeta
            ? await ReadAsync<GraphConnectorPatchBeta>(context, version)
            : await ReadAsync<GraphConnectorPatch>(context, version);
        if (error is not null)
        {
            return error;
        }
        if (body!.Problem() is { } problem)
        {
            return GraphErrors.BadRequest(context, problem);
        }
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var bodyId = body is GraphConnectorPatchBeta beta ? beta.Id : ((GraphConnectorPatch)body).Id;

        // Without If-Match the last writer wins: the patch is merged onto the latest settings, again if they changed meanwhile.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var current = await service.GetAsync(id, context.RequestAborted);
            if (current is null)
            {
                return NotFound(context, id);
            }
            if (bodyId is not null && !bodyId.Equals(current.Partner.ConnectorId, StringComparison.OrdinalIgnoreCase))
            {
                return GraphErrors.BadRequest(context, $"The property 'id' is read-only: it must be this connector's id ('{current.Partner.ConnectorId}') or be left out.");
            }
            var result = await service.UpdateAsync(current.Partner.ConnectorId, body.ApplyTo(current.Settings), ifMatch ?? current.Version, context.User.ToActor(), context.RequestAborted);
            if (result.Succeeded)
            {
                return Entity(context, version, result.Value!, StatusCodes.Status200OK, select: null);
            }
            if (ifMatch is not null || result.Outcome != ServiceOutcome.Conflict || attempt == attempts)
            {
                return ApiResults.Error(context, result);
            }
        }
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, MtdConnectorService service)
    {
        if (Forbidden(context, write: true) is { } forbidden)
        {
            return forbidden;
        }
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var result = await service.DeleteAsync(id, ifMatch, context.User.ToActor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : ApiResults.Error(context, result);
    }

    /// <summary>403 naming the permission the token's role lacks: reads need Mobile Threat Defense/Read, writes /Modify.</summary>
    private static IResult? Forbidden(HttpContext context, bool write) => write
        ? GraphEntities.Forbidden(context, new(PermissionCategory.MobileThreatDefense, PermissionAction.Modify), "Adding, changing or deleting Mobile Threat Defense connectors")
        : GraphEntities.Forbidden(context, new(PermissionCategory.MobileThreatDefense, PermissionAction.Read), "Reading Mobile Threat Defense connectors");

    // The one body reader, after a look for read-only properties so that they are named as such rather than as unknown.
    private static async Task<(GraphConnectorWrite? Body, IResult? Error)> ReadAsync<T>(HttpContext context, GraphVersion version)
        where T : GraphConnectorWrite
    {
        var (document, error) = await ApiJson.ReadDocumentAsync(context);
        if (error is not null)
        {
            return (null, error);
        }
        using (document)
        {
            if (GraphConnectorShape.ReadOnlyProblem(document!.RootElement, version) is { } problem)
            {
                return (null, GraphErrors.BadRequest(context, problem));
            }
            return ApiJson.Bind<T>(context, document.RootElement);
        }
    }

    private static (int? Version, string? Problem) ExpectedVersion(HttpContext context) => GraphEntities.ExpectedVersion(context, "connector");

    private static IResult Entity(HttpContext context, GraphVersion version, MtdConnectorDetails connector, int statusCode, IReadOnlyList<GraphConnectorProperty>? select)
    {
        context.Response.Headers.ETag = GraphConnectorShape.ETag(connector);
        var entity = GraphConnectorShape.Entity(connector, select ?? GraphConnectorShape.For(version), Context(context, version, select) + "/$entity");
        return Results.Json(entity, ApiJson.Options, statusCode: statusCode);
    }

    private static IResult NotFound(HttpContext context, string id) =>
        GraphErrors.NotFound(context, $"There is no Mobile Threat Defense connector with id '{JsonBodySchema.Shown(id)}'.");


    private static string Base(HttpContext context, GraphVersion version) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/graph/{version.Segment}";

    private static string Context(HttpContext context, GraphVersion version, IReadOnlyList<GraphConnectorProperty>? select) =>
        $"{Base(context, version)}/$metadata#{GraphConnectorShape.EntitySet}" + (select is null ? "" : $"({string.Join(",", select.Select(p => p.Name))})");

    private static string NextLink(HttpContext context, int skip) => GraphEntities.NextLink(context, skip);
}
