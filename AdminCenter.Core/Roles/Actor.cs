using AdminCenter.Core.Audit;

namespace AdminCenter.Core.Roles;

/// <summary>Who makes a change: a signed-in admin, an API token, an MTD partner or the system itself.</summary>
public enum ActorKind
{
    Administrator,
    ApiToken,
    Partner,
    System,
}

/// <summary>
/// The one thing a Core service needs to decide whether a change may be made (spec 06, Enforcement) and to say who made
/// it in the audit log. The web layer builds it from the authenticated principal; services check it before they touch data.
/// </summary>
public sealed record Actor(ActorKind Kind, string Name, IReadOnlySet<Permission> Permissions)
{
    /// <summary>Background jobs (Unresponsive, retention, automatic wipe): they act on the tenant's own rules.</summary>
    public static Actor System { get; } = new(ActorKind.System, AuditActors.System, Roles.Permissions.All.ToHashSet());

    /// <summary>"Initiated by" as the audit log shows it.</summary>
    public string AuditName => Kind switch
    {
        ActorKind.ApiToken => AuditActors.ApiToken(Name),
        ActorKind.System => AuditActors.System,
        _ => Name,
    };

    /// <summary>Whether this actor holds <paramref name="permission"/>; Read of a category comes with any other permission of it.</summary>
    public bool May(Permission permission) =>
        Permissions.Contains(permission)
        || (permission.Action == PermissionAction.Read && Permissions.Any(granted => granted.Category == permission.Category));

    public bool May(PermissionCategory category, PermissionAction action) => May(new Permission(category, action));

    /// <summary>An actor holding the union of <paramref name="roles"/>' permissions.</summary>
    public static Actor WithRoles(ActorKind kind, string name, IEnumerable<RoleDefinition> roles) =>
        new(kind, name, roles.SelectMany(role => role.Granted).ToHashSet());

    /// <summary>An MTD partner acting through its heartbeat or provisioning: it changes its own connector's state only.</summary>
    public static Actor Partner(string partnerName) =>
        new(ActorKind.Partner, partnerName, new HashSet<Permission> { new(PermissionCategory.MobileThreatDefense, PermissionAction.Modify) });
}
