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

    /// <summary>The admin roles whose built-in definition allows <paramref name="permission"/>.</summary>
    public static IReadOnlyList<string> Allowing(Permission permission) =>
        [.. All.Where(name => BuiltInRoles.Find(name)!.Allows(permission))];

    /// <summary>Whether any of <paramref name="roleNames"/> allows <paramref name="permission"/>.</summary>
    public static bool AnyAllows(IEnumerable<string> roleNames, Permission permission) =>
        roleNames.Any(name => BuiltInRoles.Find(name)?.Allows(permission) == true);
}
