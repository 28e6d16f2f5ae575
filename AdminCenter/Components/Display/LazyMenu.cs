using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace AdminCenter.Components.Display;

/// <summary>
/// A MudMenu that costs an open tab nothing until it is used: the page draws MudIconButton's or MudButton's markup
/// while <see cref="Live"/> is false, and its click (<see cref="Open"/>) puts the real MudMenu (button, popover,
/// overlay: a dozen components) in its place; after that render <see cref="HandOverAsync"/> clicks the menu's own
/// button (<c>adminCenter.openMenu</c>), so the first click opens the menu as it always did.
/// </summary>
/// <param name="activatorSelector">The CSS selector of the MudMenu's own button once it is live.</param>
public sealed class LazyMenu(string activatorSelector)
{
    // Set by the click until the live menu has rendered: whether it came from the keyboard.
    private bool? opening;

    /// <summary>Whether the page draws the MudMenu itself.</summary>
    public bool Live { get; private set; }

    /// <summary>The stand-in button's click.</summary>
    public void Open(MouseEventArgs click)
    {
        Live = true;
        // A keyboard's click (Enter, Space) has no click count; the menu then focuses its first item, as MudMenu does.
        opening = click.Detail == 0;
    }

    /// <summary>From the page's <c>OnAfterRenderAsync</c>: opens the menu that the click made live.</summary>
    public async Task HandOverAsync(IJSRuntime js)
    {
        if (opening is { } fromKeyboard)
        {
            opening = null;
            await js.InvokeVoidAsync("adminCenter.openMenu", activatorSelector, fromKeyboard);
        }
    }
}
