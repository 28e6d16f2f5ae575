using AdminCenter.Components.Display;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace AdminCenter.Components.Layout;

public partial class BladePage : IDisposable
{
    private const string MenuButtonClass = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-menu-icon-button-activator";

    private static readonly MarkupString MenuOpenIcon = IconMarkup.For(Icons.Material.Filled.MenuOpen);

    private bool? mayRead;
    private string currentPath = "";
    private readonly LazyMenu menuButton = new(".blade-menu-button .mud-menu-icon-button-activator");

    /// <summary>The title, e.g. "Tenant administration | Connectors and tokens".</summary>
    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    /// <summary>The page heading when it differs from the title crumb: "Create policy", or an entity's name.</summary>
    [Parameter]
    public string? Heading { get; set; }

    [Parameter]
    public IReadOnlyList<NavEntry> Menu { get; set; } = [];

    /// <summary>Trail after Home and the title, e.g. the connector's name.</summary>
    [Parameter]
    public IReadOnlyList<NavEntry> Trail { get; set; } = [];

    /// <summary>Where the title crumb leads when the trail goes deeper.</summary>
    [Parameter]
    public string? TitleHref { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>The Read permission the page needs (spec 06); without it a direct URL shows NoPermission instead of the content.</summary>
    [Parameter]
    public Permission? Needed { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private string MenuLabel => $"{Title} menu";

    private string PageTitleText => $"{(Trail.Count > 0 ? Trail[^1].Title : Heading ?? Title)} | AdminCenter";

    private List<BreadcrumbItem> BreadcrumbItems =>
    [
        new(AdminNavigation.Home.Title, AdminNavigation.Home.Href),
        new(Title, Trail.Count > 0 ? TitleHref : null, disabled: Trail.Count == 0),
        .. Trail.Select((t, i) => new BreadcrumbItem(t.Title, i == Trail.Count - 1 ? null : t.Href, disabled: i == Trail.Count - 1)),
    ];

    protected override void OnInitialized()
    {
        currentPath = Navigation.ToBaseRelativePath(Navigation.Uri);
        // A page that stays while the address changes (another entry of the same page component) moves the highlight.
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnParametersSetAsync() =>
        mayRead = Needed is not { } needed || AuthenticationState is null || (await AuthenticationState.CurrentActorAsync()).May(needed);

    protected override Task OnAfterRenderAsync(bool firstRender) => menuButton.HandOverAsync(JS);

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var (before, path) = (currentPath, Navigation.ToBaseRelativePath(e.Location));
        currentPath = path;
        if (Menu.Any(entry => NavItemMarkup.IsActive(entry, path) != NavItemMarkup.IsActive(entry, before)))
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        GC.SuppressFinalize(this);
    }
}
