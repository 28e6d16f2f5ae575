using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using AdminCenter.Components.Display;
using AdminCenter.Components.Forms;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.TenantStatus;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.TenantStatus;

/// <summary>Tenant administration > Tenant status (spec 06): what the tenant is, and whether its connectors are healthy.</summary>
public partial class TenantStatusPage
{
    private const string ConnectorStatusTab = "connector-status";
    private const int DetailsTab = 0;

    private static readonly string[] TabTitles = ["Tenant details", "Connector status"];

    private static readonly ReportColumn[] Columns =
        [new("Name"), new("Status"), new("Last synchronized", CssClass: "nowrap"), new("Reason")];

    private static readonly ButtonLook RefreshLook = new(Variant.Text, startIcon: Icons.Material.Filled.Refresh);

    // A chip per health, shared by every open tab.
    private static readonly FrozenDictionary<ConnectorHealth, MarkupString> HealthChips = ChipMarkup.PerValue<ConnectorHealth>(health =>
        ChipMarkup.Render(health.ToDisplayName(), Variant.Outlined, HealthColor(health), "ma-0 nowrap", "data-health", health.ToString()));

    private TenantDetails? details;
    private IReadOnlyList<ConnectorHealthRow>? connectors;
    private int activeTab;

    [Inject]
    private TenantStatusService Status { get; set; } = default!;

    [Inject]
    private IOptions<TenantOptions> Tenant { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>"connector-status" opens the second tab, so the address can be shared and reloaded.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    private static string Version { get; } = ReadVersion();

    private string TenantName => Tenant.Value.Name;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private string HealthSummary => connectors is null ? "" : string.Join(", ",
        connectors.GroupBy(c => c.Health).OrderBy(g => g.Key).Select(g => $"{g.Key.ToDisplayName()}: {g.Count()}"));

    protected override async Task OnInitializedAsync()
    {
        activeTab = string.Equals(Tab, ConnectorStatusTab, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        details = await Status.GetDetailsAsync();
        await LoadConnectorsAsync();
    }

    private async Task LoadConnectorsAsync() => connectors = await Status.GetConnectorStatusAsync();

    private void TabChanged(int index)
    {
        activeTab = index;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", index == 1 ? ConnectorStatusTab : null), replace: true);
    }

    // A connector that does not exist yet (Windows Security Center) opens the list, where Add creates it.
    private static string Href(ConnectorHealthRow row) =>
        row.Exists ? AdminNavigation.ConnectorPage(row.ConnectorId) : AdminNavigation.MobileThreatDefense.Href;

    private void Open(ConnectorHealthRow row) => Navigation.NavigateTo(Href(row));

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static Color HealthColor(ConnectorHealth health) => health switch
    {
        ConnectorHealth.Healthy => Color.Success,
        ConnectorHealth.Warning => Color.Warning,
        ConnectorHealth.Unhealthy => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The informational version, with a source revision shortened to 7 characters ("1.0.0+1a2b3c4").</summary>
    private static string ReadVersion()
    {
        var version = typeof(TenantStatusPage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "Unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }
}
