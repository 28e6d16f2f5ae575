using AdminCenter.Components.Display;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace AdminCenter.Components.Layout;

/// <summary>
/// A left-navigation item as MudNavLink renders it (its classes, icon and text), built once per area and state and
/// shared by every circuit, so an open tab keeps no copy of it.
/// </summary>
public static class NavItemMarkup
{
    private static readonly ConcurrentDictionary<(NavEntry Area, bool Active), MarkupString> Items = new();

    public static MarkupString For(NavEntry area, bool active) =>
        Items.GetOrAdd((area, active), key => Build(key.Area, key.Active));

    /// <summary>
    /// The area whose link is active at <paramref name="relativePath"/> (relative to the base address), as NavLink
    /// matches: Home ("/") only on itself, any other area on itself and the pages below it; query and fragment ignored.
    /// </summary>
    public static NavEntry? ActiveArea(IEnumerable<NavEntry> areas, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(relativePath);
        var end = relativePath.IndexOfAny(['?', '#']);
        var path = "/" + (end < 0 ? relativePath : relativePath[..end]).Trim('/');
        return areas.FirstOrDefault(area => Matches(area, path));
    }

    /// <summary>Whether <paramref name="entry"/>'s link is active at <paramref name="relativePath"/>, by <see cref="ActiveArea"/>'s rules.</summary>
    public static bool IsActive(NavEntry entry, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(relativePath);
        var end = relativePath.IndexOfAny(['?', '#']);
        return Matches(entry, "/" + (end < 0 ? relativePath : relativePath[..end]).Trim('/'));
    }

    private static bool Matches(NavEntry entry, string path) => entry.Href == "/"
        ? path == "/"
        : path.Equals(entry.Href, StringComparison.OrdinalIgnoreCase)
          || path.StartsWith(entry.Href + "/", StringComparison.OrdinalIgnoreCase);

    private static MarkupString Build(NavEntry area, bool active)
    {
        var title = WebUtility.HtmlEncode(area.Title);
        var html = $"<div class=\"mud-nav-item\"><a href=\"{WebUtility.HtmlEncode(area.Href)}\" class=\"mud-nav-link mud-ripple{(active ? " active" : "")}\""
            + (active ? " aria-current=\"page\"" : "")
            + ">"
            + (area.Icon is null ? "" : IconMarkup.Html(area.Icon, "mud-icon-default mud-nav-link-icon mud-nav-link-icon-default"))
            + $"<div class=\"mud-nav-link-text\">{title}</div></a></div>";
        return new MarkupString(html);
    }
}
