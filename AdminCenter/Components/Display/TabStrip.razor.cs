using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace AdminCenter.Components.Display;

/// <summary>
/// Tabs with MudTabs' look (Elevation 0, not rounded, effects on the container) and its keyboard (WAI-ARIA tabs) at the
/// cost of one component; only the active panel is drawn, as MudTabs does without KeepPanelsAlive.
/// </summary>
public partial class TabStrip
{
    private const string TabClass = "mud-tab mud-ripple mud-tab-panel";
    private const string ActiveTabClass = "mud-tab mud-tab-active mud-ripple mud-tab-panel";

    private int? tabToFocus;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The tabs' titles, in order; keep them in a static field so every open tab shares them.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Titles { get; set; } = [];

    [Parameter]
    public int ActiveIndex { get; set; }

    [Parameter]
    public EventCallback<int> ActiveIndexChanged { get; set; }

    /// <summary>Makes the tabs' and panels' ids unique on the page ("status" gives "status-tab-0").</summary>
    [Parameter, EditorRequired]
    public string IdPrefix { get; set; } = "";

    /// <summary>The active tab's panel.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Parameter]
    public string? Class { get; set; }

    /// <summary>Classes of the panels' container (MudTabs' TabPanelsClass).</summary>
    [Parameter]
    public string PanelsClass { get; set; } = "pt-4";

    // Built when the parameters change, not per render: a render's strings stay in the tab's render buffers.
    private string rootClass = "mud-tabs";
    private string panelsClassName = "mud-tabs-panels";

    protected override void OnParametersSet()
    {
        rootClass = Class is null ? "mud-tabs" : $"mud-tabs {Class}";
        panelsClassName = $"mud-tabs-panels {PanelsClass}";
    }

    // MudTabs' default MinimumTabWidth.
    private const string TabStyle = "min-width:160px;";

    /// <summary>The id of a tab's element, for a caller that moves focus to it.</summary>
    public string TabId(int tab) => $"{IdPrefix}-tab-{tab}";

    private string PanelId(int tab) => $"{IdPrefix}-tabpanel-{tab}";

    private Task SelectAsync(int tab) => ActiveIndexChanged.InvokeAsync(tab);

    private async Task KeyAsync(KeyboardEventArgs key)
    {
        int? target = key.Key switch
        {
            "ArrowRight" => (ActiveIndex + 1) % Titles.Count,
            "ArrowLeft" => (ActiveIndex + Titles.Count - 1) % Titles.Count,
            "Home" => 0,
            "End" => Titles.Count - 1,
            _ => null,
        };
        if (target is { } tab && tab != ActiveIndex)
        {
            tabToFocus = tab;
            await SelectAsync(tab);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (tabToFocus is { } tab)
        {
            tabToFocus = null;
            await JS.InvokeVoidAsync("adminCenter.focusUnlessEditing", "#" + TabId(tab));
        }
    }
}
