using System.Globalization;
using System.Text.Json.Serialization;
using AdminCenter.Core.Common;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <summary>
/// Graph beta's <c>deviceManagement/assignmentFilters</c> (<c>deviceAndAppManagementAssignmentFilter</c>, spec 07): the
/// managed-app filters for Windows, through <see cref="AssignmentFilterService"/> with the wizard's rules and messages.
/// </summary>
internal static class GraphAssignmentFilterEndpoints
{
    public const string EntitySet = "deviceManagement/assignmentFilters";
    public const string ODataType = "#microsoft.graph.deviceAndAppManagementAssignmentFilter";

    /// <summary>Graph's devicePlatformType for managed apps on Windows.</summary>
    public const string PlatformValue = "windowsMobileApplicationManagement";

    /// <summary>Graph's assignmentFilterManagementType for managed apps.</summary>
    public const string ManagementTypeValue = "apps";

    private static readonly string[] ReadOnlyProperties = ["id", "createdDateTime", "lastModifiedDateTime", "payloads"];

    public static GraphEntitySet<AssignmentFilterDetails> Filters { get; } = new(EntitySet, ODataType,
    [
        new("id", GraphValueKind.Text, f => f.Id, Filterable: true),
        new("displayName", GraphValueKind.Text, f => f.DisplayName, Filterable: true),
        new("description", GraphValueKind.Text, f => f.Description),
        new("platform", GraphValueKind.Text, _ => PlatformValue, Filterable: true),
        new("rule", GraphValueKind.Text, f => f.Rule),
        new("assignmentFilterManagementType", GraphValueKind.Text, _ => ManagementTypeValue, Filterable: true),
        new("roleScopeTags", GraphValueKind.Complex, _ => new[] { "0" }),
        new("createdDateTime", GraphValueKind.DateTime, f => GraphEntities.Timestamp(f.CreatedUtc)),
        new("lastModifiedDateTime", GraphValueKind.DateTime, f => GraphEntities.Timestamp(f.LastModifiedUtc)),
    ], "displayName eq 'Surface devices'");

    public static void MapGraphAssignmentFilterEndpoints(this WebApplication app)
    {
        var version = GraphVersion.Beta;
        var graph = app.MapGroup($"/graph/{version.Segment}")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser())
            .RequireRateLimiting(ApiRateLimiting.Policy);
        const string Collection = "/" + EntitySet;
        const string Item = Collection + "/{id}";
        graph.MapGet(Collection, (HttpContext context, AssignmentFilterService service) => ListAsync(context, service, version));
        graph.MapPost(Collection, (HttpContext context, AssignmentFilterService service) => CreateAsync(context, service, version));
        graph.MapGet(Item, (string id, HttpContext context, AssignmentFilterService service) => GetAsync(id, context, service, version));
        graph.MapPatch(Item, (string id, HttpContext context, AssignmentFilterService service) => UpdateAsync(id, context, service, version));
        graph.MapDelete(Item, (string id, HttpContext context, AssignmentFilterService service) => DeleteAsync(id, context, service));
    }

    private static async Task<IResult> ListAsync(HttpContext context, AssignmentFilterService service, GraphVersion version)
    {
        var (query, error) = GraphEntities.Parse(context, version, Filters, collection: true);
        if (query is null)
        {
            return error!;
        }
        var result = await service.ListAsync(context.User.ToActor(), cancellationToken: context.RequestAborted);
        if (!result.Succeeded)
        {
            return Error(context, "", result, "Reading assignment filters");
        }
        var matching = result.Value!.Where(f => query.Filter.All(c => c.Value.Equals(c.Property.Value(f)))).ToList();
        var page = matching.Skip(query.Skip).Take(GraphEntities.Take(query)).ToList();
        return GraphEntities.List(context, version, Filters, query, page, query.Skip + page.Count < matching.Count, matching.Count);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, AssignmentFilterService service, GraphVersion version)
    {
        var (query, error) = GraphEntities.Parse(context, version, Filters, collection: false);
        if (query is null)
        {
            return error!;
        }
        var result = await service.GetAsync(context.User.ToActor(), id, context.RequestAborted);
        if (!result.Succeeded)
        {
            return Error(context, id, result, "Reading assignment filters");
        }
        context.Response.Headers.ETag = ETag(result.Value!);
        return GraphEntities.Item(context, version, Filters, query, result.Value!);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AssignmentFilterService service, GraphVersion version)
    {
        var (body, error) = await ReadAsync(context);
        if (body is null)
        {
            return error!;
        }
        if (!body.Present.Contains("displayName") || !body.Present.Contains("rule"))
        {
            return GraphErrors.BadRequest(context, "The properties 'displayName' and 'rule' are required.");
        }
        var result = await service.CreateAsync(context.User.ToActor(),
            new AssignmentFilterDraft { DisplayName = body.DisplayName ?? "", Description = body.Description, Rule = body.Rule ?? "" }, context.RequestAborted);
        if (!result.Succeeded)
        {
            return Error(context, "", result, "Creating assignment filters");
        }
        var created = result.Value!;
        context.Response.Headers.Location = $"{GraphEntities.Base(context, version)}/{EntitySet}/{Uri.EscapeDataString(created.Id)}";
        return Entity(context, version, created, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, AssignmentFilterService service, GraphVersion version)
    {
        // Refused before the filter is read (which needs Filters/Read only), so the 403 names the permission a change needs.
        if (GraphEntities.Forbidden(context, new Permission(PermissionCategory.Filters, PermissionAction.Update), "Changing assignment filters") is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = await ReadAsync(context);
        if (body is null)
        {
            return error!;
        }
        var (ifMatch, ifMatchProblem) = GraphEntities.ExpectedVersion(context, "filter");
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var actor = context.User.ToActor();
        var current = await service.GetAsync(actor, id, context.RequestAborted);
        if (!current.Succeeded)
        {
            return Error(context, id, current, "Changing assignment filters");
        }
        var saved = current.Value!;
        var draft = new AssignmentFilterDraft
        {
            DisplayName = body.Present.Contains("displayName") ? body.DisplayName ?? "" : saved.DisplayName,
            Description = body.Present.Contains("description") ? body.Description : saved.Description,
            Rule = body.Present.Contains("rule") ? body.Rule ?? "" : saved.Rule,
        };
        // Without If-Match the patch applies to the version just read: a change in between is a 409, never lost.
        var result = await service.UpdateAsync(actor, id, draft, ifMatch ?? saved.Version, context.RequestAborted);
        return result.Succeeded ? Entity(context, version, result.Value!, StatusCodes.Status200OK) : Error(context, id, result, "Changing assignment filters");
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, AssignmentFilterService service)
    {
        var (ifMatch, ifMatchProblem) = GraphEntities.ExpectedVersion(context, "filter");
        if (ifMatchProblem is not null)
        {
            return GraphErrors.BadRequest(context, ifMatchProblem);
        }
        var result = await service.DeleteAsync(context.User.ToActor(), id, ifMatch, context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : Error(context, id, result, "Deleting assignment filters");
    }

    private static async Task<(GraphAssignmentFilterBody? Body, IResult? Error)> ReadAsync(HttpContext context)
    {
        var (document, error) = await ApiJson.ReadDocumentAsync(context);
        if (error is not null)
        {
            return (null, error);
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        continue; // not text: the contract check below names it
                    }
                    if (ReadOnlyProperties.FirstOrDefault(readOnly => readOnly.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } known)
                    {
                        return (null, GraphErrors.BadRequest(context, $"The property '{known}' is read-only."));
                    }
                }
            }
            var (body, bindError) = ApiJson.Bind<GraphAssignmentFilterBody>(context, root);
            if (body is null)
            {
                return (null, bindError);
            }
            body.Present = root.EnumerateObject().Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (body.ODataType is not null && body.ODataType != ODataType && body.ODataType != ODataType[1..])
            {
                return (null, GraphErrors.BadRequest(context, $"The property '@odata.type' must be \"{ODataType}\" here."));
            }
            if (body.Present.Contains("platform") && body.Platform != PlatformValue)
            {
                return (null, GraphErrors.BadRequest(context,
                    $"The property 'platform' is '{JsonBodySchema.Shown(body.Platform ?? "null")}'; filters here are for managed apps on Windows: \"{PlatformValue}\"."));
            }
            if (body.Present.Contains("assignmentFilterManagementType") && body.AssignmentFilterManagementType != ManagementTypeValue)
            {
                return (null, GraphErrors.BadRequest(context,
                    $"The property 'assignmentFilterManagementType' is '{JsonBodySchema.Shown(body.AssignmentFilterManagementType ?? "null")}'; filters here are for managed apps: \"{ManagementTypeValue}\"."));
            }
            return (body, null);
        }
    }

    private static IResult Entity(HttpContext context, GraphVersion version, AssignmentFilterDetails filter, int statusCode)
    {
        context.Response.Headers.ETag = ETag(filter);
        var entity = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["@odata.context"] = $"{GraphEntities.Base(context, version)}/$metadata#{EntitySet}/$entity",
            ["@odata.type"] = ODataType,
            ["@odata.etag"] = ETag(filter),
        };
        foreach (var property in Filters.Properties)
        {
            entity[property.Name] = property.Value(filter);
        }
        return Results.Json(entity, ApiJson.Options, statusCode: statusCode);
    }

    private static string ETag(AssignmentFilterDetails filter) => string.Create(CultureInfo.InvariantCulture, $"W/\"{filter.Version}\"");

    private static IResult Error<T>(HttpContext context, string id, ServiceResult<T> result, string action)
    {
        if (result.Outcome == ServiceOutcome.Forbidden)
        {
            return GraphEntities.Forbidden(context, result.MissingPermission!.Value, action) ?? GraphErrors.Forbidden(context, result.Problems[0].Message);
        }
        var message = string.Join(" ", result.Problems.Select(p => p.Field is "id" or "version" or "" ? p.Message : $"'{p.Field}': {p.Message}"));
        return result.Outcome switch
        {
            ServiceOutcome.NotFound => GraphErrors.NotFound(context, $"There is no assignment filter with id '{JsonBodySchema.Shown(id)}'."),
            ServiceOutcome.Conflict => GraphErrors.Conflict(context, message),
            _ => GraphErrors.BadRequest(context, message),
        };
    }
}

/// <summary>A POST or PATCH of a filter; a PATCH changes only what it names.</summary>
internal sealed class GraphAssignmentFilterBody
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public string? ODataType { get; init; }

    [FieldKind(FieldKind.Name)]
    public string? DisplayName { get; init; }

    [FieldKind(FieldKind.Message)]
    public string? Description { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? Platform { get; init; }

    [FieldKind(FieldKind.Expression)]
    public string? Rule { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? AssignmentFilterManagementType { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public IReadOnlyList<string>? RoleScopeTags { get; init; }

    /// <summary>The properties the body named (a PATCH changes only those).</summary>
    [JsonIgnore]
    public IReadOnlySet<string> Present { get; set; } = new HashSet<string>();
}
