using System.Globalization;
using System.Text;
using AdminCenter.Components.Display;
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

    /// <summary>
    /// A tile's chips and their counts as one piece of markup: one render frame for the list instead of about six an
    /// item, each of which an open tab keeps twice (BENCHMARKS.md, "Serving cost per open tab"). The chips are shared strings.
    /// </summary>
    private static MarkupString CountList<T>(IEnumerable<T> keys, Func<T, MarkupString> chip, Func<T, int> count)
    {
        var html = new StringBuilder("<ul class=\"status-counts\">");
        foreach (var key in keys)
        {
            html.Append("<li>").Append(chip(key).Value).Append(" <span class=\"count\">")
                .Append(count(key).ToString(CultureInfo.CurrentCulture)).Append("</span></li>");
        }
        return new(html.Append("</ul>").ToString());
    }

    /// <summary>MudIcon's markup (primary colour, medium) for a tile's header, shared by every circuit.</summary>
    private static MarkupString TileIcon(string icon) => 
        IconMarkup.For(icon, "mud-primary-text mt-3 mr-3");
}
