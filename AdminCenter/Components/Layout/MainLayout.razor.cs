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
