using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Services;

namespace AdminCenter.Components.Layout;

public partial class MainLayout
{
    private bool drawerOpen = true;
    private bool darkMode;
    private bool? narrow;

    private const string IconButtonClass = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    private static readonly MarkupString MenuIcon = IconMarkup(Icons.Material.Filled.Menu);

    private static readonly MarkupString DarkModeIcon = IconMarkup(Icons.Material.Filled.DarkMode);

    private static readonly MarkupString LightModeIcon = IconMarkup(Icons.Material.Filled.LightMode);

    private string ThemeSwitchLabel => darkMode ? "Switch to light theme" : "Switch to dark theme";

    /// <summary>The theme from the admin's cookie, read with the page request (see <see cref="ThemePreference"/>).</summary>
    [CascadingParameter(Name = ThemePreference.CookieName)]
    private bool InitialDarkMode { get; set; }

    Guid IBrowserViewportObserver.Id { get; } = Guid.NewGuid();

    ResizeOptions? IBrowserViewportObserver.ResizeOptions => null;

    protected override void OnInitialized() => darkMode = InitialDarkMode;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Viewport.SubscribeAsync(this, fireImmediately: true);
        }
    }

    /// <summary>Below 1280 px (MudBlazor's Lg) the navigation collapses to icons; at 1280 px and wider it opens again.</summary>
    async Task IBrowserViewportObserver.NotifyBrowserViewportChangeAsync(BrowserViewportEventArgs browserViewportEventArgs)
    {
        var isNarrow = browserViewportEventArgs.Breakpoint is Breakpoint.Xs or Breakpoint.Sm or Breakpoint.Md;
        if (narrow != isNarrow)
        {
            narrow = isNarrow;
            drawerOpen = !isNarrow;
            await InvokeAsync(StateHasChanged);
        }
    }

    private async Task ToggleThemeAsync()
    {
        // Cookie first: the switch shows the new theme only once a reload would keep it.
        var next = !darkMode;
        await JS.InvokeVoidAsync("adminCenter.setTheme", ThemePreference.CookieName, ThemePreference.ToCookieValue(next));
        darkMode = next;
    }

    /// <summary>MudIcon's markup for an icon in a button, shared by every circuit.</summary>
    private static MarkupString IconMarkup(string icon) => new(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");

    private async Task SignOutAsync() => await JS.InvokeVoidAsync("adminCenter.submitForm", "sign-out-form");

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        try
        {
            await Viewport.UnsubscribeAsync(this);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the browser's listener.
        }
    }
}
