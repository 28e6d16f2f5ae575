namespace AdminCenter.Core.Roles;

/// <summary>
/// A role: the permissions it grants. Read of a category is implied by any other permission of it (spec 06), so a
/// role that may update policies may also read them.
/// </summary>
public sealed record RoleDefinition(string Name, string Description, bool IsBuiltIn, IReadOnlySet<Permission> Granted)
{
    public bool Allows(Permission permission) =>
        Granted.Contains(permission)
        || (permission.Action == PermissionAction.Read && Granted.Any(granted => granted.Category == permission.Category));

    /// <summary>What the role lets its holder do, category by category, as the role's page shows it.</summary>
    public IReadOnlyList<(PermissionCategory Category, IReadOnlyList<PermissionAction> Actions)> Summary() =>
        [.. Enum.GetValues<PermissionCategory>()
            .Select(category => (category, (IReadOnlyList<PermissionAction>)[.. Permissions.ActionsOf(category).Where(action => Allows(new(category, action)))]))
            .Where(entry => entry.Item2.Count > 0)];
}

/// <summary>The built-in roles of spec 06; their definitions are read-only.</summary>
public static class BuiltInRoles
{
    public const string GlobalAdministratorName = "Global Administrator";
    public const string IntuneAdministratorName = "Intune Administrator";
    public const string IntuneRoleAdministratorName = "Intune Role Administrator";
    public const string EndpointSecurityManagerName = "Endpoint Security Manager";
    public const string ApplicationManagerName = "Application Manager";
    public const string HelpDeskOperatorName = "Help Desk Operator";
    public const string ReadOnlyOperatorName = "Read Only Operator";
    public const string ManagedAppClientName = "Managed app client";

    public static RoleDefinition GlobalAdministrator { get; } = BuiltIn(GlobalAdministratorName,
        "Everything, including roles, administrators and API tokens. At least one enabled Global Administrator always exists.",
        Permissions.All);

    public static RoleDefinition IntuneAdministrator { get; } = BuiltIn(IntuneAdministratorName,
        "Everything except creating, changing, deleting and assigning roles.",
        Permissions.All.Where(p => p.Category != PermissionCategory.IntuneRoles || p.Action == PermissionAction.Read));

    public static RoleDefinition IntuneRoleAdministrator { get; } = BuiltIn(IntuneRoleAdministratorName,
        "Manages roles, administrators and API tokens; reads everything else, including audit logs.",
        [.. Permissions.AllOf(PermissionCategory.IntuneRoles), .. Permissions.EveryRead]);

    public static RoleDefinition EndpointSecurityManager { get; } = BuiltIn(EndpointSecurityManagerName,
        "Manages Mobile Threat Defense connectors and wipes app data; reads policies, filters, the organization and audit logs.",
        [
            new(PermissionCategory.MobileThreatDefense, PermissionAction.Read), new(PermissionCategory.MobileThreatDefense, PermissionAction.Modify),
            new(PermissionCategory.ManagedApps, PermissionAction.Read), new(PermissionCategory.ManagedApps, PermissionAction.Wipe),
            new(PermissionCategory.Filters, PermissionAction.Read), new(PermissionCategory.Organization, PermissionAction.Read),
            new(PermissionCategory.AuditData, PermissionAction.Read),
        ]);

    public static RoleDefinition ApplicationManager { get; } = BuiltIn(ApplicationManagerName,
        "Manages app protection and app configuration policies and assignment filters; cannot wipe. Reads the organization and connectors.",
        [
            .. Permissions.AllOf(PermissionCategory.ManagedApps).Where(p => p.Action != PermissionAction.Wipe),
            .. Permissions.AllOf(PermissionCategory.Filters),
            new(PermissionCategory.Organization, PermissionAction.Read), new(PermissionCategory.MobileThreatDefense, PermissionAction.Read),
        ]);

    public static RoleDefinition HelpDeskOperator { get; } = BuiltIn(HelpDeskOperatorName,
        "Reads everything and wipes app data from users' devices.",
        [.. Permissions.EveryRead, new(PermissionCategory.ManagedApps, PermissionAction.Wipe)]);

    public static RoleDefinition ReadOnlyOperator { get; } = BuiltIn(ReadOnlyOperatorName, "Reads everything; changes nothing.", Permissions.EveryRead);

    /// <summary>For API tokens only: the MAM client and Conditional Access endpoints, nothing else (no permission of the table).</summary>
    public static RoleDefinition ManagedAppClient { get; } = BuiltIn(ManagedAppClientName,
        "For API tokens only: the MAM client and Conditional Access endpoints, nothing else.", []);

    /// <summary>Every built-in role, in the order of spec 06.</summary>
    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        GlobalAdministrator, IntuneAdministrator, IntuneRoleAdministrator, EndpointSecurityManager, ApplicationManager,
        HelpDeskOperator, ReadOnlyOperator, ManagedAppClient,
    ];

    /// <summary>Whether any of the roles named <paramref name="roleNames"/> grants <paramref name="permission"/>.</summary>
    public static bool AnyAllows(IEnumerable<string> roleNames, Permission permission) =>
        roleNames.Any(name => Find(name)?.Allows(permission) == true);

    /// <summary>The built-in roles that grant <paramref name="permission"/>, for messages that say who may.</summary>
    public static IReadOnlyList<string> Holders(Permission permission) => [.. All.Where(role => role.Allows(permission)).Select(role => role.Name)];

    /// <summary>The built-in role named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static RoleDefinition? Find(string? name) => All.FirstOrDefault(role => string.Equals(role.Name, name, StringComparison.OrdinalIgnoreCase));

    private static RoleDefinition BuiltIn(string name, string description, IEnumerable<Permission> granted) =>
        new(name, description, IsBuiltIn: true, granted.ToHashSet());
}
