using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Identity;

namespace AdminCenter.Core.Identity;

/// <summary>An administrator who signs in to AdminCenter.</summary>
public sealed class AdminUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>
/// The admin roles AdminCenter knows: every built-in role of spec 06 an administrator can hold (all but "Managed app
/// client", which is for API tokens only). Who may do what comes from <see cref="BuiltInRoles"/>, the one rule set.
/// </summary>
public static class AdminRoles
{
    public const string GlobalAdministrator = BuiltInRoles.GlobalAdministratorName;
    public const string IntuneAdministrator = BuiltInRoles.IntuneAdministratorName;
    public const string IntuneRoleAdministrator = BuiltInRoles.IntuneRoleAdministratorName;
    public const string EndpointSecurityManager = BuiltInRoles.EndpointSecurityManagerName;
    public const string ApplicationManager = BuiltInRoles.ApplicationManagerName;
    public const string HelpDeskOperator = BuiltInRoles.HelpDeskOperatorName;
    public const string ReadOnlyOperator = BuiltInRoles.ReadOnlyOperatorName;

    /// <summary>Every admin role, in spec 06's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. BuiltInRoles.All.Where(role => role.Name != BuiltInRoles.ManagedAppClientName).Select(role => role.Name)];

    /// <summary>Roles that may create, change or delete app protection policies (Managed apps/Update): the pages' policy.</summary>
    public static IReadOnlyList<string> ManagedAppsUpdaters { get; } = Allowing(new(PermissionCategory.ManagedApps, PermissionAction.Update));

    /// <summary>
    /// The API's one list for Managed apps/Update, Managed apps/Wipe and Organization/Update alike: the roles that allow all
    /// three, so no role gains through it a permission the table does not give it (Application Manager may not wipe).
    /// </summary>
    public static IReadOnlyList<string> AppProtectionModifiers { get; } =
        [.. ManagedAppsUpdaters.Where(name => AnyAllows([name], new(PermissionCategory.ManagedApps, PermissionAction.Wipe))
            && AnyAllows([name], new(PermissionCategory.Organization, PermissionAction.Update)))];

    /// <summary>Roles that may wipe app data (Managed apps/Wipe): the Selective wipe page's policy.</summary>
    public static IReadOnlyList<string> AppDataWipers { get; } = Allowing(new(PermissionCategory.ManagedApps, PermissionAction.Wipe));

    /// <summary>Roles that may add, change or delete Mobile Threat Defense connectors (Mobile Threat Defense/Modify).</summary>
    public static IReadOnlyList<string> MobileThreatDefenseModifiers { get; } = Allowing(new(PermissionCategory.MobileThreatDefense, PermissionAction.Modify));

    /// <summary>Roles that may create and revoke API tokens (Intune roles/Create).</summary>
    public static IReadOnlyList<string> ApiTokenManagers { get; } = Allowing(new(PermissionCategory.IntuneRoles, PermissionAction.Create));

    /// <summary>Roles that may add and change administrators (Intune roles/Update).</summary>
    public static IReadOnlyList<string> AdministratorManagers { get; } = Allowing(AdministratorRules.ManagePermission);

    /// <summary>The admin roles whose built-in definition allows <paramref name="permission"/>.</summary>
    public static IReadOnlyList<string> Allowing(Permission permission) =>
        [.. All.Where(name => BuiltInRoles.Find(name)!.Allows(permission))];

    /// <summary>Whether any of <paramref name="roleNames"/> allows <paramref name="permission"/>.</summary>
    public static bool AnyAllows(IEnumerable<string> roleNames, Permission permission) =>
        roleNames.Any(name => BuiltInRoles.Find(name)?.Allows(permission) == true);
}

/// <summary>Authorization policy names, registered by the web app and checked on every action.</summary>
public static class AdminPolicies
{
    public const string ModifyMobileThreatDefense = "MobileThreatDefense.Modify";
    public const string ModifyAppProtection = "AppProtection.Modify";
    public const string ManageApiTokens = "ApiTokens.Manage";
    public const string ManageAdministrators = "Administrators.Manage";
    public const string WipeAppData = "ManagedApps.Wipe";
}
