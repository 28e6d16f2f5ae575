using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <summary>
/// Graph beta's <c>deviceAppManagement/windowsManagedAppProtections</c> (spec 05 §1; v1.0 has no such entity set, so its
/// paths fall to the Graph 404). Every change goes through <see cref="AppProtectionPolicyService"/> with the wizard's
/// rules and messages, so it shows in the UI at once and re-evaluates registrations like a UI change.
/// </summary>
internal static class GraphPolicyEndpoints
{
    private static readonly Permission ReadPermission = new(PermissionCategory.ManagedApps, PermissionAction.Read);
    private static readonly Permission CreatePermission = new(PermissionCategory.ManagedApps, PermissionAction.Create);
    private static readonly Permission UpdatePermission = new(PermissionCategory.ManagedApps, PermissionAction.Update);
    private static readonly Permission DeletePermission = new(PermissionCategory.ManagedApps, PermissionAction.Delete);
    private static readonly Permission AssignPermission = new(PermissionCategory.ManagedApps, PermissionAction.Assign);
    private const string Policies = "Windows app protection policies";
    private const string ExpandHelp = "$expand supports apps and assignments (either or both, comma-separated, such as $expand=apps,assignments)";

    private static readonly string[] Expandable = ["apps", "assignments"];

    public static void MapGraphPolicyEndpoints(this WebApplication app)
    {
        var version = GraphVersion.Beta;
        // Roles are checked in the handlers, so that a 403 names the permission the token's role lacks.
        var graph = app.MapGroup($"/graph/{version.Segment}")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser())
            .RequireRateLimiting(ApiRateLimiting.Policy);
        const string Collection = "/" + GraphPolicyShape.EntitySet;
        const string Item = Collection + "/{id}";
        graph.MapGet(Collection, (HttpContext context, AppProtectionPolicyService service) => ListAsync(context, service, version));
        graph.MapPost(Collection, (HttpContext context, AppProtectionPolicyService service) => CreateAsync(context, service, version));
        graph.MapGet(Item, (string id, HttpContext context, AppProtectionPolicyService service) => GetAsync(id, context, service, version));
        graph.MapPatch(Item, (string id, HttpContext context, AppProtectionPolicyService service) => UpdateAsync(id, context, service, version));
        graph.MapDelete(Item, (string id, HttpContext context, AppProtectionPolicyService service) => DeleteAsync(id, context, service));
        graph.MapPost(Item + "/assign", (string id, HttpContext context, AppProtectionPolicyService service) => AssignAsync(id, context, service));
        graph.MapPost(Item + "/targetApps", (string id, HttpContext context, AppProtectionPolicyService service) => TargetAppsAsync(id, context, service));
        graph.MapGet(Item + "/apps", (string id, HttpContext context, AppProtectionPolicyService service) =>
            ListNavigationAsync(id, context, service, version, GraphPolicyShape.Apps, GraphPolicyShape.AppsOf));
        graph.MapGet(Item + "/assignments", (string id, HttpContext context, AppProtectionPolicyService service) =>
            ListNavigationAsync(id, context, service, version, GraphPolicyShape.Assignments, GraphPolicyShape.AssignmentsOf));
        graph.MapGet(Item + "/deploymentSummary", GraphDeploymentSummaryEndpoint.GetAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, AppProtectionPolicyService service, GraphVersion version)
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
        var matching = (await service.ListDetailsAsync(context.RequestAborted)).Where(p => Matches(query, p)).ToList();
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

    private static async Task<IResult> GetAsync(string id, HttpContext context, AppProtectionPolicyService service, GraphVersion version)
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

    private static async Task<IResult> CreateAsync(HttpContext context, AppProtectionPolicyService service, GraphVersion version)
    {
        if (WriteForbidden(context, "Creating", CreatePermission) is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = await ReadPolicyAsync<GraphPolicyCreate>(context);
        if (error is not null)
        {
            return error;
        }
        // The wizard's defaults (offline checks at 720 minutes and 90 days); Microsoft Edge is the only Windows MAM app,
        // so a policy created without a targetApps call targets it, as the wizard's Apps step offers nothing else.
        var blank = PolicyTemplates.Blank();
        var (draft, problem) = Draft(body!, blank with
        {
            DisplayName = body!.DisplayName,
            Apps = [WindowsPolicyDraft.EdgeAppId],
        });
        if (problem is not null)
        {
            return GraphErrors.BadRequest(context, problem);
        }
        var result = await service.CreateAsync(draft, context.User.ToActor(), context.RequestAborted);
        if (!result.Succeeded)
        {
            return Error(context, "", result, draft.HealthChecks);
        }
        var created = result.Value!;
        context.Response.Headers.Location = $"{GraphEntities.Base(context, version)}/{GraphPolicyShape.EntitySet}/{Uri.EscapeDataString(created.Id)}";
        return Entity(context, version, created, StatusCodes.Status201Created, select: null, expand: []);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, AppProtectionPolicyService service, GraphVersion version)
    {
        if (WriteForbidden(context, "Changing", UpdatePermission) is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = await ReadPolicyAsync<GraphPolicyPatch>(context);
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
            var start = body!.Present.Contains("displayName") ? current.Draft with { DisplayName = body.DisplayName } : current.Draft;
            var (draft, problem) = Draft(body, start);
            if (problem is not null)
            {
                return GraphErrors.BadRequest(context, problem);
            }
            var result = await service.UpdateAsync(current.Id, draft, ifMatch ?? current.Version, context.User.ToActor(), context.RequestAborted);
            if (result.Succeeded)
            {
                return Entity(context, version, result.Value!, StatusCodes.Status200OK, select: null, expand: []);
            }
            if (ifMatch is not null || result.Outcome != ServiceOutcome.Conflict || result.MessageFor("version") is null || attempt == attempts)
            {
                return Error(context, id, result, draft.HealthChecks);
            }
        }
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, AppProtectionPolicyService service)
    {
        if (WriteForbidden(context, "Deleting", DeletePermission) is { } forbidden)
        {
            return forbidden;
        }
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var result = await service.DeleteAsync(id, ifMatch, context.User.ToActor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent()
            : result.Outcome == ServiceOutcome.NotFound ? NotFound(context, id)
            : ApiResults.Error(context, result);
    }

    private static async Task<IResult> AssignAsync(string id, HttpContext context, AppProtectionPolicyService service)
    {
        if (WriteForbidden(context, "Assigning", AssignPermission) is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = await ApiJson.ReadAsync<GraphAssignBody>(context);
        if (error is not null)
        {
            return error;
        }
        var (targets, problem) = GraphAssignTargets.Read(body!, "Windows app protection policies");
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
        return result.Succeeded ? Results.NoContent() : Error(context, id, result, []);
    }

    private static async Task<IResult> TargetAppsAsync(string id, HttpContext context, AppProtectionPolicyService service)
    {
        if (WriteForbidden(context, "Changing the apps of", UpdatePermission) is { } forbidden)
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
                    $"The property 'apps[{i}].mobileAppIdentifier.@odata.type' must be \"{GraphPolicyShape.AppIdentifierODataType}\": Windows app protection policies target Windows apps.");
            }
            apps.Add(app.MobileAppIdentifier.WindowsAppId);
        }
        var (ifMatch, ifMatchProblem) = ExpectedVersion(context);
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var result = await service.SetAppsAsync(id, apps, ifMatch, context.User.ToActor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : Error(context, id, result, []);
    }

    private static async Task<IResult> ListNavigationAsync<T>(string id, HttpContext context, AppProtectionPolicyService service, GraphVersion version,
        GraphEntitySet<T> set, Func<PolicyDetails, IReadOnlyList<T>> items)
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
        var path = $"{GraphPolicyShape.EntitySet}('{Uri.EscapeDataString(policy.Id)}')/{set.Path}";
        return GraphEntities.List(context, version, set, query, page, query.Skip + page.Count < matching.Count, matching.Count, path);
    }

    // The query options, and $expand read here: apps, assignments, or both.
    private static (GraphQuery<GraphProperty<PolicyDetails>>? Query, IReadOnlyList<string> Expand, IResult? Error) Parse(
        HttpContext context, GraphVersion version, bool collection)
    {
        var (query, problem) = GraphQuery.Parse(context.Request.Query, version, collection, GraphPolicyShape.Policies.Query, allowExpand: true);
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

    private static bool Matches(GraphQuery<GraphProperty<PolicyDetails>> query, PolicyDetails policy) =>
        query.Filter.All(clause => clause.Value.Equals(clause.Property.Value(policy)));

    private static async Task<(T? Body, IResult? Error)> ReadPolicyAsync<T>(HttpContext context)
        where T : GraphPolicyWrite
    {
        var (document, error) = await ApiJson.ReadDocumentAsync(context);
        if (error is not null)
        {
            return (null, error);
        }
        using (document)
        {
            var root = document!.RootElement;
            if (GraphPolicyShape.ReadOnlyProblem(root) is { } readOnly)
            {
                return (null, GraphErrors.BadRequest(context, readOnly));
            }
            var (body, bindError) = ApiJson.Bind<T>(context, root);
            if (bindError is not null)
            {
                return (null, bindError);
            }
            // Which properties were sent (a PATCH changes only those; null clears an optional one), by their Graph names.
            var names = GraphPolicyShape.Policies.Properties.Select(p => p.Name).ToList();
            body!.Present = root.EnumerateObject()
                .Select(m => names.FirstOrDefault(n => n.Equals(m.Name, StringComparison.OrdinalIgnoreCase)))
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            return body.Problem() is { } problem ? (null, GraphErrors.BadRequest(context, problem)) : (body, null);
        }
    }

    // The body merged onto a starting draft: settings, then the wizard's rows for them, which Core validates.
    private static (WindowsPolicyDraft Draft, string? Problem) Draft(GraphPolicyWrite body, WindowsPolicyDraft start)
    {
        var settings = body.ApplyTo(start.DataProtection);
        var draft = start with
        {
            Description = body.Present.Contains("description") ? body.Description : start.Description,
            RoleScopeTagIds = body.Present.Contains("roleScopeTagIds") ? body.RoleScopeTagIds : start.RoleScopeTagIds,
            DataProtection = settings,
            HealthChecks = HealthChecks.ToRows(settings),
        };
        return (draft, GraphPolicyWrite.SettingsProblem(settings));
    }

    private static IResult Error(HttpContext context, string id, ServiceResult<PolicyDetails> result, IReadOnlyList<HealthCheckRow> rows)
    {
        var message = GraphPolicyShape.Describe(result.Problems, rows);
        return result.Outcome switch
        {
            ServiceOutcome.NotFound => NotFound(context, id),
            ServiceOutcome.Conflict => GraphErrors.Conflict(context, message),
            _ => GraphErrors.BadRequest(context, message),
        };
    }

    private static IResult Entity(HttpContext context, GraphVersion version, PolicyDetails policy, int statusCode,
        IReadOnlyList<GraphProperty<PolicyDetails>>? select, IReadOnlyList<string> expand)
    {
        context.Response.Headers.ETag = GraphPolicyShape.ETag(policy);
        return Results.Json(Entity(policy, select, expand, Context(context, version, select, expand) + "/$entity"), ApiJson.Options, statusCode: statusCode);
    }

    private static Dictionary<string, object?> Entity(PolicyDetails policy, IReadOnlyList<GraphProperty<PolicyDetails>>? select,
        IReadOnlyList<string> expand, string? odataContext)
    {
        var properties = select ?? GraphPolicyShape.Policies.Properties;
        var entity = new Dictionary<string, object?>(properties.Count + 5, StringComparer.Ordinal);
        if (odataContext is not null)
        {
            entity["@odata.context"] = odataContext;
        }
        entity["@odata.type"] = GraphPolicyShape.ODataType;
        entity["@odata.etag"] = GraphPolicyShape.ETag(policy);
        foreach (var property in properties)
        {
            entity[property.Name] = property.Value(policy);
        }
        if (expand.Contains("apps"))
        {
            entity["apps"] = GraphPolicyShape.AppsOf(policy).Select(a => Navigation(GraphPolicyShape.Apps, a)).ToList();
        }
        if (expand.Contains("assignments"))
        {
            entity["assignments"] = GraphPolicyShape.AssignmentsOf(policy).Select(a => Navigation(GraphPolicyShape.Assignments, a)).ToList();
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

    private static IResult? ReadForbidden(HttpContext context) =>
        GraphEntities.Forbidden(context, ReadPermission, $"Reading {Policies}");

    private static IResult? WriteForbidden(HttpContext context, string action, Permission permission) =>
        GraphEntities.Forbidden(context, permission, $"{action} {Policies}");

    private static IResult NotFound(HttpContext context, string id) =>
        GraphErrors.NotFound(context, $"There is no Windows app protection policy with id '{JsonBodySchema.Shown(id)}'.");


    // As Graph writes it: the selected properties, then each expanded navigation property as name().
    private static string Context(HttpContext context, GraphVersion version, IReadOnlyList<GraphProperty<PolicyDetails>>? select, IReadOnlyList<string> expand)
    {
        var parts = (select?.Select(p => p.Name) ?? []).Concat(expand.Select(e => e + "()")).ToList();
        return $"{GraphEntities.Base(context, version)}/$metadata#{GraphPolicyShape.EntitySet}" + (parts.Count == 0 ? "" : $"({string.Join(",", parts)})");
    }
}
