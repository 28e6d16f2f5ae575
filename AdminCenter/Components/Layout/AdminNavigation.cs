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

    public static NavEntry TenantAdministration { get; } = new("Tenant administration", "/tenant-admin", Icons.Material.Outlined.AdminPanelSettings);

    public static IReadOnlyList<NavEntry> Areas { get; } = [Home, TenantAdministration];

    public static NavEntry ConnectorsAndTokens { get; } = new("Connectors and tokens", "/tenant-admin/connectors", Icons.Material.Outlined.Cable);

    public static NavEntry MobileThreatDefense { get; } = new("Mobile Threat Defense", "/tenant-admin/connectors/mtd", Icons.Material.Outlined.Security);

    /// <summary>Tenant administration's blade menu.</summary>
    public static IReadOnlyList<NavEntry> TenantAdministrationBlade { get; } = [ConnectorsAndTokens];

    /// <summary>Connectors and tokens' blade menu.</summary>
    public static IReadOnlyList<NavEntry> ConnectorsAndTokensBlade { get; } = [MobileThreatDefense];

    public static string ConnectorPage(string connectorId) => $"{MobileThreatDefense.Href}/{Uri.EscapeDataString(connectorId)}";
}
