using MudBlazor;

namespace AdminCenter.Components.Layout;

/// <summary>An entry of the left navigation or of a blade menu.</summary>
public sealed record NavEntry(string Title, string Href, string? Icon = null);

/// <summary>
/// The admin center's navigation (spec 01). An area is listed only once it has a real page; the order is the
/// admin center's: Home, Dashboard, All services, Devices, Apps, Endpoint security, Reports, Users, Groups,
/// Tenant administration, Troubleshooting + support.
/// </summary>
public static class AdminNavigation
{
    public static NavEntry Home { get; } = new("Home", "/", Icons.Material.Outlined.Home);

    public static NavEntry Apps { get; } = new("Apps", "/apps", Icons.Material.Outlined.Apps);

    public static NavEntry EndpointSecurity { get; } = new("Endpoint security", "/endpoint-security", Icons.Material.Outlined.Security);

    public static NavEntry Users { get; } = new("Users", "/users", Icons.Material.Outlined.Person);

    public static NavEntry Groups { get; } = new("Groups", "/groups", Icons.Material.Outlined.Groups);

    public static NavEntry TenantAdministration { get; } = new("Tenant administration", "/tenant-admin", Icons.Material.Outlined.AdminPanelSettings);

    public static IReadOnlyList<NavEntry> Areas { get; } = [Home, Apps, EndpointSecurity, Users, Groups, TenantAdministration];

    public static NavEntry AppProtectionPolicies { get; } = new("App protection policies", "/apps/app-protection", Icons.Material.Outlined.Shield);

    public static NavEntry AppProtectionStatus { get; } = new("App protection status", "/apps/monitor/app-protection-status", Icons.Material.Outlined.Monitor);

    public const string CreateWindowsPolicy = "/apps/app-protection/create/windows";

    public static NavEntry AppSelectiveWipe { get; } = new("App selective wipe", "/apps/selective-wipe", Icons.Material.Outlined.PhonelinkErase);

    public static NavEntry AppConfigurationPolicies { get; } = new("App configuration policies", "/apps/app-configuration", Icons.Material.Outlined.Tune);

    public static NavEntry AppConfigurationStatus { get; } = new("App configuration status", "/apps/monitor/app-configuration-status", Icons.Material.Outlined.FactCheck);

    public const string CreateAppConfigurationPolicy = "/apps/app-configuration/create/managed-apps";

    public static string AppConfigurationPage(string policyId) => $"{AppConfigurationPolicies.Href}/{Uri.EscapeDataString(policyId)}";

    /// <summary>Apps' blade menu.</summary>
    public static IReadOnlyList<NavEntry> AppsBlade { get; } =
        [AppProtectionPolicies, AppConfigurationPolicies, AppProtectionStatus, AppConfigurationStatus, AppSelectiveWipe];

    public static NavEntry ConditionalAccess { get; } = new("Conditional Access", "/endpoint-security/conditional-access", Icons.Material.Outlined.VerifiedUser);

    public static NavEntry SignInLogs { get; } = new("Sign-in logs", "/endpoint-security/sign-in-logs", Icons.Material.Outlined.ListAlt);

    /// <summary>Endpoint security > Conditional Access > Classic policies (spec 02), reached from the Conditional Access page.</summary>
    public static NavEntry ClassicPolicies { get; } = new("Classic policies", "/endpoint-security/conditional-access/classic-policies", Icons.Material.Outlined.History);

    /// <summary>Endpoint security's blade menu.</summary>
    public static IReadOnlyList<NavEntry> EndpointSecurityBlade { get; } = [ConditionalAccess, SignInLogs];

    public static NavEntry AllUsers { get; } = new("All users", "/users", Icons.Material.Outlined.Person);

    public static NavEntry AllGroups { get; } = new("All groups", "/groups", Icons.Material.Outlined.Groups);

    public static string PolicyPage(string policyId) => $"{AppProtectionPolicies.Href}/{Uri.EscapeDataString(policyId)}";

    public static string UserPage(string userId) => $"{Users.Href}/{Uri.EscapeDataString(userId)}";

    public static string GroupPage(string groupId) => $"{Groups.Href}/{Uri.EscapeDataString(groupId)}";

    public static NavEntry ConnectorsAndTokens { get; } = new("Connectors and tokens", "/tenant-admin/connectors", Icons.Material.Outlined.Cable);

    public static NavEntry MobileThreatDefense { get; } = new("Mobile Threat Defense", "/tenant-admin/connectors/mtd", Icons.Material.Outlined.Security);

    public static NavEntry ApiTokens { get; } = new("API tokens", "/tenant-admin/connectors/api-tokens", Icons.Material.Outlined.Key);

    public static NavEntry TenantStatus { get; } = new("Tenant status", "/tenant-admin/tenant-status", Icons.Material.Outlined.MonitorHeart);

    public static NavEntry AuditLogs { get; } = new("Audit logs", "/tenant-admin/audit-logs", Icons.Material.Outlined.ManageSearch);

    public static NavEntry Roles { get; } = new("Roles", "/tenant-admin/roles", Icons.Material.Outlined.Badge);

    public static string RolePage(string roleName) => $"{Roles.Href}/{Uri.EscapeDataString(roleName)}";

    public static NavEntry Administrators { get; } = new("Administrators", "/tenant-admin/administrators", Icons.Material.Outlined.ManageAccounts);

    public static NavEntry Filters { get; } = new("Filters", "/tenant-admin/filters", Icons.Material.Outlined.FilterAlt);

    public const string CreateFilter = "/tenant-admin/filters/create";

    public static string FilterPage(string filterId) => $"{Filters.Href}/{Uri.EscapeDataString(filterId)}";

    public static string EditFilter(string filterId) => $"{FilterPage(filterId)}/edit";

    /// <summary>Tenant administration's blade menu, in spec 06's order: Tenant status, Roles, Administrators, Audit logs, Connectors and tokens, Filters.</summary>
    public static IReadOnlyList<NavEntry> TenantAdministrationBlade { get; } = [TenantStatus, Roles, Administrators, AuditLogs, ConnectorsAndTokens, Filters];

    /// <summary>Connectors and tokens' blade menu.</summary>
    public static IReadOnlyList<NavEntry> ConnectorsAndTokensBlade { get; } = [MobileThreatDefense, ApiTokens];

    public static string ConnectorPage(string connectorId) => $"{MobileThreatDefense.Href}/{Uri.EscapeDataString(connectorId)}";
}
