using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <summary>
/// Graph beta's <c>deviceAppManagement/targetedManagedAppConfigurations</c> (spec 05 §1, 07): app configuration policies for
/// Microsoft Edge. Every change goes through <see cref="AppConfigurationPolicyService"/> with the wizard's rules and messages.
/// </summary>
internal static class GraphAppConfigurationEndpoints
{
    private static readonly Permission ReadPermission = new(PermissionCategory.ManagedApps, PermissionAction.Read);
    private static readonly Permission UpdatePermission = new(PermissionCategory.ManagedApps, PermissionAction.Update);
    private const string Policies = "app configuration policies";
    private const string ExpandHelp = "$expand supports apps and assignments (either or both, comma-separated, such as $expand=apps,assignments)";
    private static readonly string[] Expandable = ["apps", "assignments"];

    public static void MapGraphAppConfigurationEndpoints(this WebApplication app)
    {
        var version = GraphVersion.Beta;
        var graph = app.MapGroup($"/graph/{version.Segment}")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser())
            .RequireRateLimiting(ApiRateLimiting.Policy);
        const string Collection = "/" + GraphAppConfigurationShape.EntitySet;
        const string Item = Collection + "/{id}";
        graph.MapGet(Collection, (HttpContext context, AppConfigurationPolicyService service) => ListAsync(context, service, version));
        graph.MapPost(Collection, (HttpContext context, AppConfigurationPolicyService service) => CreateAsync(context, service, version));
        graph.MapGet(Item, (string id, HttpContext context, AppConfigurationPolicyService service) => GetAsync(id, context, service, version));
        graph.MapPatch(Item, (string id, HttpContext context, AppConfigurationPolicyService service) => UpdateAsync(id, context, service, version));
        graph.MapDelete(Item, (string id, HttpContext context, AppConfigurationPolicyService service) => DeleteAsync(id, context, service));
        graph.MapPost(Item + "/assign", (string id, HttpContext context, AppConfigurationPolicyService service) => AssignAsync(id, context, service));
        graph.MapPost(Item + "/targetApps", (string id, HttpContext context, AppConfigurationPolicyService service) => TargetAppsAsync(id, context, service));
        graph.MapGet(Item + "/apps", (string id, HttpContext context, AppConfigurationPolicyService service) =>
            ListNavigationAsync(id, context, service, version, GraphAppConfigurationShape.Apps, GraphAppConfigurationShape.AppsOf));
        graph.MapGet(Item + "/assignments", (string id, HttpContext context, AppConfigurationPolicyService service) =>
            ListNavigationAsync(id, context, service, version, GraphAppConfigurationShape.Assignments, GraphAppConfigurationShape.AssignmentsOf));
    }

    private static async Task<IResult> ListAsync(HttpContext context, AppConfigurationPolicyService service, GraphVersion version)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, expand, error) = Parse(context, version, collection: true);
        if (query is null)
        {
            return error!;
        }
        var matching = (await service.ListDetailsAsync(context.RequestAborted))
            .Where(p => query.Filter.All(clause => clause.Value.Equals(clause.Property.Value(p)))).ToList();
        var page = matching.Skip(query.Skip).Take(GraphEntities.Take(query)).ToList();
        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@odata.context"] = Context(context, version, query.Select, expand) };
        if (query.Count)
        {
            body["@odata.count"] = matching.Count;
        }
        body["value"] = page.Select(p => Entity(p, query.Select, expand, odataContext: null)).ToList();
        if (page.Count > 0 && query.Skip + page.Count < matching.Count)
        {
            body["@odata.nextLink"] = GraphEntities.NextLink(context, query.Skip + page.Count);
        }
        return Results.Json(body, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, AppConfigurationPolicyService service, GraphVersion version)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, expand, error) = Parse(context, version, collection: false);
        if (query is null)
        {
            return error!;
        }
        var policy = await service.GetAsync(id, context.RequestAborted);
        return policy is null ? NotFound(context, id) : Entity(context, version, policy, StatusCodes.Status200OK, query.Select, expand);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AppConfigurationPolicyService service, GraphVersion version)
    {
        var (body, error) = await ReadBodyAsync<GraphAppConfigurationCreate>(context);
        if (error is not null)
        {
            return error;
        }
        // Microsoft Edge is the only app these policies configure, so a policy created without targetApps targets it.
        var draft = new AppConfigurationDraft
        {
            DisplayName = body!.DisplayName,
            Description = body.Description,
            Apps = [WindowsPolicyDraft.EdgeAppId],
        }.WithCustomSettings(body.Settings());
        var result = await service.CreateAsync(draft, context.User.ToActor(), context.RequestAborted);
        if (!result.Succeeded)
        {
            return Error(context, "", result);
        }
        var created = result.Value!;
        context.Response.Headers.Location = $"{GraphEntities.Base(context, version)}/{GraphAppConfigurationShape.EntitySet}/{Uri.EscapeDataString(created.Id)}";
        return Entity(context, version, created, StatusCodes.Status201Created, select: null, expand: []);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, AppConfigurationPolicyService service, GraphVersion version)
    {
        // Refused before the policy is looked up, so a caller who may not change policies learns nothing of which exist.
        if (UpdateForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = await ReadBodyAsync<GraphAppConfigurationPatch>(context);
        if (error is not null)
        {
            return error;
        }
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        // Without If-Match the last writer wins: the patch is merged onto the latest policy, again if it changed meanwhile.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var current = await service.GetAsync(id, context.RequestAborted);
            if (current is null)
            {
                return NotFound(context, id);
            }
            var draft = current.Draft;
            if (body!.Present.Contains("displayName"))
            {
                draft = draft with { DisplayName = body.DisplayName };
            }
            if (body.Present.Contains("description"))
            {
                draft = draft with { Description = body.Description };
            }
            if (body.Present.Contains("customSettings"))
            {
                draft = draft.WithCustomSettings(body.Settings());
            }
            var result = await service.UpdateAsync(current.Id, draft, ifMatch ?? current.Version, context.User.ToActor(), context.RequestAborted);
            if (result.Succeeded)
            {
                return Entity(context, version, result.Value!, StatusCodes.Status200OK, select: null, expand: []);
            }
            if (ifMatch is not null || result.Outcome != ServiceOutcome.Conflict || result.MessageFor("version") is null || attempt == attempts)
            {
                return Error(context, id, result);
            }
        }
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, AppConfigurationPolicyService service)
    {
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var result = await service.DeleteAsync(id, ifMatch, context.User.ToActor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : Error(context, id, result);
    }

    private static async Task<IResult> AssignAsync(string id, HttpContext context, AppConfigurationPolicyService service)
    {
        var (body, error) = await ApiJson.ReadAsync<GraphAssignBody>(context);
        if (error is not null)
        {
            return error;
        }
        var (targets, problem) = GraphAssignTargets.Read(body!, "app configuration policies");
        if (targets is null)
        {
            return GraphErrors.BadRequest(context, problem!);
        }
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var result = await service.ReplaceAssignmentsAsync(id, targets.Included, targets.Excluded, targets.Filters, ifMatch, context.User.ToActor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : Error(context, id, result);
    }

    private static async Task<IResult> TargetAppsAsync(string id, HttpContext context, AppConfigurationPolicyService service)
    {
        if (UpdateForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = await ApiJson.ReadAsync<GraphTargetAppsBody>(context);
        if (error is not null)
        {
            return error;
        }
        var apps = new List<string>();
        for (var i = 0; i < body!.Apps.Count; i++)
        {
            var app = body.Apps[i];
            if (app.ODataType is not null && !GraphPolicyShape.IsType(app.ODataType, GraphPolicyShape.AppODataType))
            {
                return GraphErrors.BadRequest(context, $"The property 'apps[{i}].@odata.type' must be \"{GraphPolicyShape.AppODataType}\" here.");
            }
            if (!GraphPolicyShape.IsType(app.MobileAppIdentifier.ODataType, GraphPolicyShape.AppIdentifierODataType))
            {
                return GraphErrors.BadRequest(context,
                    $"The property 'apps[{i}].mobileAppIdentifier.@odata.type' must be \"{GraphPolicyShape.AppIdentifierODataType}\": these policies configure Microsoft Edge for Windows.");
            }
            apps.Add(app.MobileAppIdentifier.WindowsAppId);
        }
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var current = await service.GetAsync(id, context.RequestAborted);
        if (current is null)
        {
            return NotFound(context, id);
        }
        var result = await service.UpdateAsync(id, current.Draft with { Apps = apps }, ifMatch ?? current.Version, context.User.ToActor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : Error(context, id, result);
    }

    private static async Task<IResult> ListNavigationAsync<T>(string id, HttpContext context, AppConfigurationPolicyService service, GraphVersion version,
        GraphEntitySet<T> set, Func<AppConfigurationDetails, IReadOnlyList<T>> items)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, set, collection: true);
        if (query is null)
        {
            return error!;
        }
        var policy = await service.GetAsync(id, context.RequestAborted);
        if (policy is null)
        {
            return NotFound(context, id);
        }
        var matching = items(policy).Where(item => query.Filter.All(c => c.Value.Equals(c.Property.Value(item)))).ToList();
        var page = matching.Skip(query.Skip).Take(GraphEntities.Take(query)).ToList();
        var path = $"{GraphAppConfigurationShape.EntitySet}('{Uri.EscapeDataString(policy.Id)}')/{set.Path}";
        return GraphEntities.List(context, version, set, query, page, query.Skip + page.Count < matching.Count, matching.Count, path);
    }

    private static (GraphQuery<GraphProperty<AppConfigurationDetails>>? Query, IReadOnlyList<string> Expand, IResult? Error) Parse(
        HttpContext context, GraphVersion version, bool collection)
    {
        var (query, problem) = GraphQuery.Parse(context.Request.Query, version, collection, GraphAppConfigurationShape.Policies.Query, allowExpand: true);
        if (query is null)
        {
            return (null, [], GraphErrors.BadRequest(context, problem!));
        }
        var expand = new List<string>();
        if (GraphQuery.Value(context.Request.Query, "$expand") is { } text)
        {
            foreach (var part in text.Split(','))
            {
                var name = part.Trim();
                var known = Expandable.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    return (null, [], GraphErrors.BadRequest(context, name.Length == 0
                        ? $"$expand has an empty entry. {ExpandHelp}."
                        : $"'{JsonBodySchema.Shown(name)}' cannot be expanded. {ExpandHelp}."));
                }
                if (!expand.Contains(known))
                {
                    expand.Add(known);
                }
            }
        }
        return (query, expand, null);
    }

    private static async Task<(T? Body, IResult? Error)> ReadBodyAsync<T>(HttpContext context)
        where T : GraphAppConfigurationWrite
    {
        var (document, error) = await ApiJson.ReadDocumentAsync(context);
        if (error is not null)
        {
            return (null, error);
        }
        using (document)
        {
            var root = document!.RootElement;
            if (GraphAppConfigurationShape.ReadOnlyProblem(root) is { } readOnly)
            {
                return (null, GraphErrors.BadRequest(context, readOnly));
            }
            var (body, bindError) = ApiJson.Bind<T>(context, root);
            if (bindError is not null)
            {
                return (null, bindError);
            }
            string[] names = ["displayName", "description", "customSettings"];
            body!.Present = root.EnumerateObject()
                .Select(m => names.FirstOrDefault(n => n.Equals(m.Name, StringComparison.OrdinalIgnoreCase)))
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            return body.Problem() is { } problem ? (null, GraphErrors.BadRequest(context, problem)) : (body, null);
        }
    }

    private static IResult Error<T>(HttpContext context, string id, ServiceResult<T> result)
    {
        var message = GraphAppConfigurationShape.Describe(result.Problems);
        return result.Outcome switch
        {
            ServiceOutcome.Forbidden => GraphEntities.Forbidden(context, result.MissingPermission!.Value, $"Changing {Policies}")
                ?? GraphErrors.Forbidden(context, message),
            ServiceOutcome.NotFound => NotFound(context, id),
            ServiceOutcome.Conflict => GraphErrors.Conflict(context, message),
            _ => GraphErrors.BadRequest(context, message),
        };
    }

    private static IResult Entity(HttpContext context, GraphVersion version, AppConfigurationDetails policy, int statusCode,
        IReadOnlyList<GraphProperty<AppConfigurationDetails>>? select, IReadOnlyList<string> expand)
    {
        context.Response.Headers.ETag = GraphAppConfigurationShape.ETag(policy);
        return Results.Json(Entity(policy, select, expand, Context(context, version, select, expand) + "/$entity"), ApiJson.Options, statusCode: statusCode);
    }

    private static Dictionary<string, object?> Entity(AppConfigurationDetails policy, IReadOnlyList<GraphProperty<AppConfigurationDetails>>? select,
        IReadOnlyList<string> expand, string? odataContext)
    {
        var properties = select ?? GraphAppConfigurationShape.Policies.Properties;
        var entity = new Dictionary<string, object?>(properties.Count + 5, StringComparer.Ordinal);
        if (odataContext is not null)
        {
            entity["@odata.context"] = odataContext;
        }
        entity["@odata.type"] = GraphAppConfigurationShape.ODataType;
        entity["@odata.etag"] = GraphAppConfigurationShape.ETag(policy);
        foreach (var property in properties)
        {
            entity[property.Name] = property.Value(policy);
        }
        if (expand.Contains("apps"))
        {
            entity["apps"] = GraphAppConfigurationShape.AppsOf(policy).Select(a => Navigation(GraphAppConfigurationShape.Apps, a)).ToList();
        }
        if (expand.Contains("assignments"))
        {
            entity["assignments"] = GraphAppConfigurationShape.AssignmentsOf(policy).Select(a => Navigation(GraphAppConfigurationShape.Assignments, a)).ToList();
        }
        return entity;
    }

    private static Dictionary<string, object?> Navigation<T>(GraphEntitySet<T> set, T item)
    {
        var entity = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@odata.type"] = set.ODataType };
        foreach (var property in set.Properties)
        {
            entity[property.Name] = property.Value(item);
        }
        return entity;
    }

    private static (int? Version, string? Problem) ExpectedVersion(HttpContext context) => GraphEntities.ExpectedVersion(context, "policy");

    private static IResult? ReadForbidden(HttpContext context) => GraphEntities.Forbidden(context, ReadPermission, $"Reading {Policies}");

    private static IResult? UpdateForbidden(HttpContext context) => GraphEntities.Forbidden(context, UpdatePermission, $"Changing {Policies}");

    private static IResult NotFound(HttpContext context, string id) =>
        GraphErrors.NotFound(context, $"There is no app configuration policy with id '{JsonBodySchema.Shown(id)}'.");

    private static string Context(HttpContext context, GraphVersion version, IReadOnlyList<GraphProperty<AppConfigurationDetails>>? select, IReadOnlyList<string> expand)
    {
        var parts = (select?.Select(p => p.Name) ?? []).Concat(expand.Select(e => e + "()")).ToList();
        return $"{GraphEntities.Base(context, version)}/$metadata#{GraphAppConfigurationShape.EntitySet}" + (parts.Count == 0 ? "" : $"({string.Join(",", parts)})");
    }
}
