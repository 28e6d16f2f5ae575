using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AdminCenter.Components.Display;

/// <summary>
/// Keeps a table page's filters and paging in its address, so Back and reload bring them back. The page writes its
/// state with <see cref="ReplaceAsync"/> (one history entry per visit, not one per keystroke); the router then hands the
/// same address back as query parameters, a round trip later. <see cref="IsOwnEcho"/> tells those echoes (older than
/// what the admin has typed since, so never to be applied) from Back, Forward or a link, which the page must apply.
/// </summary>
public sealed class PageAddress(NavigationManager navigation, IJSRuntime js)
{
    /// <summary>The browser-side write (wwwroot-assets/js/admincenter.js); tests check its calls.</summary>
    public const string ReplaceFunction = "adminCenter.replaceAddressIfOn";

    private readonly List<string> _written = [];

    /// <summary>
    /// Shows <paramref name="relativeUri"/> in the address bar, unless it is there already or the admin has meanwhile left
    /// for another page. The browser makes that last check: the server learns of a clicked link a round trip late, and a
    /// write decided on its stale address would pull the admin back from the page they just opened.
    /// </summary>
    public async Task ReplaceAsync(string relativeUri)
    {
        var targetUri = navigation.ToAbsoluteUri(relativeUri);
        if (!string.Equals(targetUri.AbsolutePath, new Uri(navigation.Uri).AbsolutePath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var target = Normalize(targetUri.AbsoluteUri);
        var latest = _written.Count > 0 ? _written[^1] : Normalize(navigation.Uri);
        if (target == latest)
        {
            return;
        }
        _written.Add(target);
        try
        {
            await js.InvokeVoidAsync(ReplaceFunction, targetUri.AbsolutePath, target);
        }
        catch (JSDisconnectedException)
        {
            // The admin closed the tab: there is no address left to keep.
        }
    }

    /// <summary>Whether the current address is one this page wrote (forgetting it and every older one).</summary>
    public bool IsOwnEcho()
    {
        var index = _written.IndexOf(Normalize(navigation.Uri));
        if (index < 0)
        {
            return false;
        }
        _written.RemoveRange(0, index + 1);
        return true;
    }

    // The browser may report an address escaped differently from how it was written.
    private static string Normalize(string uri) => Uri.UnescapeDataString(uri);
}
