using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminCenter.Components.Pages;

public partial class HomePage
{
    private static readonly MarkupString ShieldIcon = TileIcon(Icons.Material.Outlined.Security);

    private static readonly MarkupString RegistrationsIcon = TileIcon(Icons.Material.Outlined.Shield);

    private static readonly MarkupString ThreatIcon = TileIcon(Icons.Material.Outlined.GppMaybe);

    private IReadOnlyDictionary<ConnectorPartnerState, int>? counts;
    private StatusTiles? tiles;

    [Inject]
    private MtdConnectorService Connectors { get; set; } = default!;

    [Inject]
    private AppProtectionStatusQueries Status { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        counts = await Connectors.CountByStateAsync();
        tiles = await Status.GetTilesAsync();
    }

    /// <summary>MudIcon's markup (primary colour, medium) for a tile's header, shared by every circuit.</summary>
    private static MarkupString TileIcon(string icon) => new(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-primary-text mud-icon-size-medium mt-3 mr-3\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
