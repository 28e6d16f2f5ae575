using Microsoft.AspNetCore.Identity;

namespace AdminCenter.Core.Identity;

/// <summary>An administrator who signs in to AdminCenter.</summary>
public sealed class AdminUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>The Intune roles AdminCenter knows (spec 01, 02).</summary>
public static class AdminRoles
{
    public const string GlobalAdministrator = "Global Administrator";
    public const string IntuneAdministrator = "Intune Administrator";
    public const string EndpointSecurityManager = "Endpoint Security Manager";
    public const string ReadOnlyOperator = "Read Only Operator";

    public static IReadOnlyList<string> All { get; } =
        [GlobalAdministrator, IntuneAdministrator, EndpointSecurityManager, ReadOnlyOperator];

    /// <summary>Roles that may create, change or delete app protection policies.</summary>
    public static IReadOnlyList<string> AppProtectionModifiers { get; } = [GlobalAdministrator, IntuneAdministrator];

    /// <summary>Roles that may add, change or delete Mobile Threat Defense connectors.</summary>
    public static IReadOnlyList<string> MobileThreatDefenseModifiers { get; } =
        [GlobalAdministrator, IntuneAdministrator, EndpointSecurityManager];

    /// <summary>Roles that may create and revoke API tokens (spec 06: Intune roles permissions; Global Administrator only).</summary>
    public static IReadOnlyList<string> ApiTokenManagers { get; } = [GlobalAdministrator];
}

/// <summary>Authorization policy names, registered by the web app and checked on every action.</summary>
public static class AdminPolicies
{
    public const string ModifyMobileThreatDefense = "MobileThreatDefense.Modify";
    public const string ModifyAppProtection = "AppProtection.Modify";
    public const string ManageApiTokens = "ApiTokens.Manage";
}
