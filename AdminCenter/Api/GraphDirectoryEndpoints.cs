using System.Text.Json.Serialization;
using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <summary>
/// Graph's directory subset (<c>/users</c>, <c>/groups</c>, members and <c>members/$ref</c>) and
/// <c>deviceAppManagement/managedAppRegistrations</c> under <c>/graph/v1.0</c> and <c>/graph/beta</c> (spec 05 §1).
/// Everything goes through the Core services the UI uses, so both share rules, messages and paging in SQL.
/// </summary>
internal static class GraphDirectoryEndpoints
{
    private static readonly Permission OrganizationRead = new(PermissionCategory.Organization, PermissionAction.Read);
    private static readonly Permission OrganizationUpdate = new(PermissionCategory.Organization, PermissionAction.Update);
    private static readonly Permission ManagedAppsRead = new(PermissionCategory.ManagedApps, PermissionAction.Read);

    public static GraphEntitySet<UserSummary> Users { get; } = new("users", "#microsoft.graph.user",
    [
        new("id", GraphValueKind.Text, u => u.Id),
        new("userPrincipalName", GraphValueKind.Text, u => u.UserPrincipalName, Filterable: true),
        new("displayName", GraphValueKind.Text, u => u.DisplayName, Filterable: true),
        new("accountEnabled", GraphValueKind.Boolean, u => u.AccountEnabled),
    ], "userPrincipalName eq 'adele@contoso.com'");

    public static GraphEntitySet<GroupSummary> Groups { get; } = new("groups", "#microsoft.graph.group",
    [
        new("id", GraphValueKind.Text, g => g.Id),
        new("displayName", GraphValueKind.Text, g => g.DisplayName, Filterable: true),
        new("description", GraphValueKind.Text, g => g.Description),
        // The directory's groups are security groups without mail (spec 04).
        new("securityEnabled", GraphValueKind.Boolean, _ => true),
        new("mailEnabled", GraphValueKind.Boolean, _ => false),
    ], "displayName eq 'Sales'");

    public static GraphEntitySet<GroupMember> Members { get; } = new("directoryObjects", "#microsoft.graph.user",
    [
        new("id", GraphValueKind.Text, m => m.UserId),
        new("userPrincipalName", GraphValueKind.Text, m => m.UserPrincipalName),
        new("displayName", GraphValueKind.Text, m => m.DisplayName),
    ], "id eq '...' (members take no $filter)");

    public static GraphEntitySet<ManagedAppRegistrationRecord> Registrations { get; } = new(
        "deviceAppManagement/managedAppRegistrations", "#microsoft.graph.windowsManagedAppRegistration",
    [
        new("id", GraphValueKind.Text, r => r.Id),
        new("userId", GraphValueKind.Text, r => r.UserId, Filterable: true),
        new("azureADDeviceId", GraphValueKind.Text, r => r.AzureAdDeviceId),
        new("deviceName", GraphValueKind.Text, r => r.DeviceName),
        new("deviceModel", GraphValueKind.Text, r => r.DeviceModel),
        new("deviceManufacturer", GraphValueKind.Text, r => r.DeviceManufacturer),
        new("platformVersion", GraphValueKind.Text, r => r.PlatformVersion),
        new("applicationVersion", GraphValueKind.Text, r => r.AppVersion),
        new("managementSdkVersion", GraphValueKind.Text, r => r.SdkVersion),
        new("appIdentifier", GraphValueKind.Complex, r => new WindowsAppIdentifier(r.AppId)),
        new("createdDateTime", GraphValueKind.DateTime, r => GraphEntities.Timestamp(r.EnrolledDateTime)),
        new("lastSyncDateTime", GraphValueKind.DateTime, r => GraphEntities.Timestamp(r.LastCheckInDateTime)),
        // Graph flags rooted or jailbroken devices here; Windows MAM has no such signal, so the list stays empty.
        new("flaggedReasons", GraphValueKind.Complex, _ => Array.Empty<string>()),
    ], "userId eq '...'");

    public static void MapGraphDirectoryEndpoints(this WebApplication app)
    {
        foreach (var version in GraphVersion.All)
        {
            // Roles are checked in the handlers, so that a 403 names the permission the token's role lacks.
            var graph = app.MapGroup($"/graph/{version.Segment}")
                .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser())
                .RequireRateLimiting(ApiRateLimiting.Policy);
            graph.MapGet("/users", (HttpContext context, UserService users) => ListUsersAsync(context, users, version));
            graph.MapGet("/users/{id}", (string id, HttpContext context, UserService users) => GetUserAsync(id, context, users, version));
            graph.MapGet("/groups", (HttpContext context, GroupService groups) => ListGroupsAsync(context, groups, version));
            graph.MapGet("/groups/{id}", (string id, HttpContext context, GroupService groups) => GetGroupAsync(id, context, groups, version));
            graph.MapGet("/groups/{id}/members", (string id, HttpContext context, GroupService groups) => ListMembersAsync(id, context, groups, version));
            graph.MapPost("/groups/{id}/members/$ref", (string id, HttpContext context, GroupService groups) => AddMemberAsync(id, context, groups));
            graph.MapGet("/" + Registrations.Path, (HttpContext context, ManagedAppRegistrationQueries registrations) =>
                ListRegistrationsAsync(context, registrations, version));
            graph.MapGet($"/{Registrations.Path}/{{id}}", (string id, HttpContext context, ManagedAppRegistrationQueries registrations) =>
                GetRegistrationAsync(id, context, registrations, version));
        }
    }

    private static async Task<IResult> ListUsersAsync(HttpContext context, UserService users, GraphVersion version)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, Users, collection: true);
        if (query is null)
        {
            return error!;
        }
        var page = await users.FindUsersAsync(query.TextFilter("userPrincipalName"), query.TextFilter("displayName"), query.Skip, GraphEntities.Take(query), context.RequestAborted);
        return List(context, version, Users, query, page);
    }

    private static async Task<IResult> GetUserAsync(string id, HttpContext context, UserService users, GraphVersion version)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, Users, collection: false);
        if (query is null)
        {
            return error!;
        }
        var user = await users.FindUserAsync(id, context.RequestAborted);
        return user is null
            ? GraphErrors.NotFound(context, $"There is no user with id or user principal name '{JsonBodySchema.Shown(id)}'.")
            : GraphEntities.Item(context, version, Users, query, user);
    }

    private static async Task<IResult> ListGroupsAsync(HttpContext context, GroupService groups, GraphVersion version)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, Groups, collection: true);
        if (query is null)
        {
            return error!;
        }
        var page = await groups.FindGroupsAsync(query.TextFilter("displayName"), query.Skip, GraphEntities.Take(query), context.RequestAborted);
        return List(context, version, Groups, query, page);
    }

    private static async Task<IResult> GetGroupAsync(string id, HttpContext context, GroupService groups, GraphVersion version)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, Groups, collection: false);
        if (query is null)
        {
            return error!;
        }
        var group = await groups.GetGroupAsync(id, context.RequestAborted);
        return group is null
            ? GroupNotFound(context, id)
            : GraphEntities.Item(context, version, Groups, query, new GroupSummary(group.Id, group.DisplayName, group.Description, group.Members.Count));
    }

    private static async Task<IResult> ListMembersAsync(string id, HttpContext context, GroupService groups, GraphVersion version)
    {
        if (ReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, Members, collection: true);
        if (query is null)
        {
            return error!;
        }
        var page = await groups.ListMembersAsync(id, query.Skip, GraphEntities.Take(query), context.RequestAborted);
        return page is null ? GroupNotFound(context, id) : List(context, version, Members, query, page);
    }

    private static async Task<IResult> AddMemberAsync(string id, HttpContext context, GroupService groups)
    {
        if (GraphEntities.Forbidden(context, OrganizationUpdate, "Adding group members") is { } forbidden)
        {
            return forbidden;
        }
        var (body, error) = await ApiJson.ReadAsync<GraphReferenceCreate>(context);
        if (error is not null)
        {
            return error;
        }
        if (body!.UserId() is not { } userId)
        {
            return GraphErrors.BadRequest(context,
                "The property '@odata.id' must be the URL of a user, such as https://graph.microsoft.com/v1.0/directoryObjects/{id}.");
        }
        var result = await groups.AddMemberAsync(id, userId, context.User.ToActor(), context.RequestAborted);
        if (result.Succeeded)
        {
            return Results.NoContent();
        }
        var message = string.Join(" ", result.Problems.Select(p => p.Message));
        return result.Outcome switch
        {
            ServiceOutcome.NotFound => GroupNotFound(context, id),
            // Graph answers 400 for a member added twice, with this wording after the directory's own message.
            ServiceOutcome.Conflict => GraphErrors.BadRequest(context,
                $"{message} One or more added object references already exist for the following modified properties: 'members'."),
            _ => GraphErrors.BadRequest(context, $"The property '@odata.id' names no user of this directory ('{JsonBodySchema.Shown(userId)}'). {message}"),
        };
    }

    private static async Task<IResult> ListRegistrationsAsync(HttpContext context, ManagedAppRegistrationQueries registrations, GraphVersion version)
    {
        if (RegistrationReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, Registrations, collection: true);
        if (query is null)
        {
            return error!;
        }
        var page = await registrations.ListAsync(query.TextFilter("userId"), query.Skip, GraphEntities.Take(query), query.Count, context.RequestAborted);
        return GraphEntities.List(context, version, Registrations, query, page.Items, page.HasMore, page.TotalCount);
    }

    private static async Task<IResult> GetRegistrationAsync(string id, HttpContext context, ManagedAppRegistrationQueries registrations, GraphVersion version)
    {
        if (RegistrationReadForbidden(context) is { } forbidden)
        {
            return forbidden;
        }
        var (query, error) = GraphEntities.Parse(context, version, Registrations, collection: false);
        if (query is null)
        {
            return error!;
        }
        var registration = await registrations.GetAsync(id, context.RequestAborted);
        return registration is null
            ? GraphErrors.NotFound(context, $"There is no managed app registration with id '{JsonBodySchema.Shown(id)}'.")
            : GraphEntities.Item(context, version, Registrations, query, registration);
    }

    // The directory's services return at least one item per page; $top=0 asks only for the count.
    private static IResult List<T>(HttpContext context, GraphVersion version, GraphEntitySet<T> set, GraphQuery<GraphProperty<T>> query, PagedResult<T> page) =>
        GraphEntities.List(context, version, set, query, query.Top == 0 ? [] : page.Items, query.Skip + page.Items.Count < page.TotalCount, page.TotalCount);

    private static IResult? ReadForbidden(HttpContext context) =>
        GraphEntities.Forbidden(context, OrganizationRead, "Reading users and groups");

    private static IResult? RegistrationReadForbidden(HttpContext context) =>
        GraphEntities.Forbidden(context, ManagedAppsRead, "Reading managed app registrations");

    private static IResult GroupNotFound(HttpContext context, string id) =>
        GraphErrors.NotFound(context, $"There is no group with id '{JsonBodySchema.Shown(id)}'.");

    private sealed record WindowsAppIdentifier([property: JsonPropertyName("@odata.type")] string ODataType, string WindowsAppId)
    {
        public WindowsAppIdentifier(string windowsAppId)
            : this("#microsoft.graph.windowsAppIdentifier", windowsAppId)
        {
        }
    }
}

/// <summary>The body of <c>POST /groups/{id}/members/$ref</c>: <c>{"@odata.id": ".../directoryObjects/{id}"}</c>.</summary>
internal sealed class GraphReferenceCreate
{
    // A URL with any base: longer than an identifier, so checked as a name (256, no control characters).
    [JsonPropertyName("@odata.id")]
    [FieldKind(FieldKind.Name)]
    public required string ODataId { get; init; }

    /// <summary>The URL's last path segment (the user id), or null when there is none.</summary>
    public string? UserId()
    {
        var path = ODataId.Trim();
        var end = path.IndexOfAny(['?', '#']);
        path = (end >= 0 ? path[..end] : path).TrimEnd('/');
        var segment = path[(path.LastIndexOf('/') + 1)..];
        return segment.Length == 0 || segment.Contains(':', StringComparison.Ordinal) ? null : Uri.UnescapeDataString(segment);
    }
}
