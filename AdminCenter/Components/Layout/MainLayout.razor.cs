using AdminCenter.Components.Display;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using MudBlazor;

namespace AdminCenter.Components.Layout;

public partial class MainLayout
{
    private readonly NavigationDrawer drawer = new();
    private bool darkMode;
    private Task<AuthenticationState>? readAuthentication;
    private string? userName;
    private AntiforgeryRequestToken? antiforgery;
    private DotNetObjectReference<MainLayout>? widthListener;

    // The account menu: plain markup until its first use, then MudMenu (opening = the hand-over to it is pending; true
    // when the admin pressed Enter or Space, so the menu puts focus on its first item as on a key press on its own button).
    private readonly LazyMenu accountMenu = new(".account-menu .mud-menu-button-activator");

    private const string IconButtonClass = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    private const string AccountButtonClass = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-medium mud-ripple mud-menu-button-activator";

    private static readonly MarkupString AccountIcon = IconMarkup.For(Icons.Material.Filled.AccountCircle);

    private static readonly MarkupString MenuIcon = IconMarkup.For(Icons.Material.Filled.Menu);

    private static readonly MarkupString DarkModeIcon = IconMarkup.For(Icons.Material.Filled.DarkMode);

    private static readonly MarkupString LightModeIcon = IconMarkup.For(Icons.Material.Filled.LightMode);

    private string ThemeSwitchLabel => darkMode ? "Switch to light theme" : "Switch to dark theme";

    /// <summary>The theme from the admin's cookie, read with the page request (see <see cref="ThemePreference"/>).</summary>
    [CascadingParameter(Name = ThemePreference.CookieName)]
    private bool InitialDarkMode { get; set; }

    /// <summary>The signed-in admin (AuthorizeView's check, without its component): the account menu shows their name.</summary>
    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    protected override void OnInitialized()
    {
        darkMode = InitialDarkMode;
        // What the sign-out form's AntiforgeryToken component rendered (the provider is optional there too).
        antiforgery = Services.GetService<AntiforgeryStateProvider>()?.GetAntiforgeryToken();
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Authentication is not null && Authentication != readAuthentication)
        {
            readAuthentication = Authentication;
            var user = (await Authentication).User;
            userName = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            widthListener = DotNetObjectReference.Create(this);
            var widthClass = await JS.InvokeAsync<int>("adminCenter.watchWidth", widthListener);
            if (drawer.Resize(NavigationDrawer.BreakpointOf(widthClass), immediate: true))
            {
                StateHasChanged();
            }
        }

        await accountMenu.HandOverAsync(JS);
    }

    /// <summary>
    /// The browser's width class changed (<c>adminCenter.watchWidth</c>): below 1280 px (MudBlazor's Lg) the navigation
    /// collapses to icons; at 1280 px and wider it opens again.
    /// </summary>
    [JSInvokable]
    public Task WidthChanged(int widthClass) => InvokeAsync(() =>
    {
        if (drawer.Resize(NavigationDrawer.BreakpointOf(widthClass), immediate: false))
        {
            StateHasChanged();
        }
    });

    private void CloseDrawer() => drawer.Close();

    /// <summary>Below 960 px the open drawer lies over the page: following a link closes it, as MudDrawer did.</summary>
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (drawer.Temporary)
        {
            _ = InvokeAsync(() =>
            {
                if (drawer.Close())
                {
                    StateHasChanged();
                }
            });
        }
    }

    private async Task ToggleThemeAsync()
    {
        // Cookie first: the switch shows the new theme only once a reload would keep it.
        var next = !darkMode;
        await JS.InvokeVoidAsync("adminCenter.setTheme", ThemePreference.CookieName, ThemePreference.ToCookieValue(next));
        darkMode = next;
    }

    private async Task SignOutAsync() => await JS.InvokeVoidAsync("adminCenter.submitForm", "sign-out-form");

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Navigation.LocationChanged -= OnLocationChanged;
        try
        {
            if (widthListener is not null)
            {
                await JS.InvokeVoidAsync("adminCenter.unwatchWidth");
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the browser's listener.
        }
        widthListener?.Dispose();
    }
}
