using MudBlazor;

namespace AdminCenter.Components.Layout;

/// <summary>
/// The left navigation's state and the classes MudLayout, MudDrawer and its overlay render for it (Variant Mini,
/// Breakpoint Md, ClipMode Always, Elevation 0, anchored left), so the layout draws them as plain elements: each
/// component would stay in every open tab's memory (BENCHMARKS.md, "Serving cost per open tab").
/// </summary>
/// <remarks>
/// Below 1280 px (Lg) the drawer collapses to icons; below 960 px (Md) MudDrawer's mini variant turns temporary: hidden
/// when closed, over the page with a dark overlay when open. Both rules are the ones the layout's viewport observer and
/// MudDrawer's own applied together.
/// </remarks>
public sealed class NavigationDrawer
{
    private Breakpoint? breakpoint;

    /// <summary>Open: icons and names; closed: icons only (mini) or hidden (temporary).</summary>
    public bool Open { get; private set; } = true;

    /// <summary>MudDrawer's "initial" state (no slide transition) lasts until the drawer first opens or closes.</summary>
    public bool Initial { get; private set; } = true;

    /// <summary>Below Md the drawer lies over the page instead of beside it.</summary>
    public bool Temporary => breakpoint is Breakpoint.Xs or Breakpoint.Sm;

    /// <summary>The overlay that closes the drawer on a click beside it.</summary>
    public bool OverlayVisible => Open && Temporary;

    public string LayoutClass => (Open, Temporary) switch
    {
        (true, false) => "mud-drawer-open-mini-md-left mud-drawer-left-clipped-always",
        (false, false) => "mud-drawer-close-mini-md-left mud-drawer-left-clipped-always",
        (true, true) => "mud-drawer-open-temporary-left mud-drawer-left-clipped-always",
        (false, true) => "mud-drawer-close-temporary-left mud-drawer-left-clipped-always",
    };

    public string DrawerClass => DrawerClasses[(Open ? 1 : 0) + (Initial ? 2 : 0) + (Temporary ? 4 : 0)];

    public string OverlayClass => Initial ? OverlayClassInitial : OverlayClassLater;

    private static readonly string[] DrawerClasses = [.. Enumerable.Range(0, 8).Select(i => BuildDrawerClass(open: (i & 1) != 0, initial: (i & 2) != 0, temporary: (i & 4) != 0))];

    private const string OverlayClassLater = "mud-overlay mud-drawer-overlay mud-overlay-drawer mud-drawer-pos-left mud-drawer-overlay--open "
        + "mud-drawer-overlay-temporary mud-drawer-overlay-md mud-skip-overlay-positioning mud-skip-overlay-section";

    private const string OverlayClassInitial = "mud-overlay mud-drawer-overlay mud-overlay-drawer mud-drawer-pos-left mud-drawer-overlay--open "
        + "mud-drawer-overlay-temporary mud-drawer-overlay-md mud-drawer-overlay--initial mud-skip-overlay-positioning mud-skip-overlay-section";

    /// <summary>The app bar's menu button.</summary>
    public void Toggle() => SetOpen(!Open);

    /// <summary>A click on the overlay, or a navigation while the drawer lies over the page.</summary>
    public bool Close() => SetOpen(false);

    /// <summary>
    /// The browser's width class changed (or is first known, <paramref name="immediate"/>). Crossing 1280 px opens the
    /// drawer (wider) or collapses it (narrower); within the narrow widths, crossing 960 px closes it (narrower) or opens
    /// it (wider), as MudDrawer did. True when the drawer changed.
    /// </summary>
    public bool Resize(Breakpoint now, bool immediate)
    {
        var before = breakpoint;
        var wasTemporary = Temporary;
        breakpoint = now;
        var changed = wasTemporary != Temporary;
        if (before is null || IsNarrow(before.Value) != IsNarrow(now))
        {
            changed |= SetOpen(!IsNarrow(now));
        }
        else if (!immediate && Temporary && !wasTemporary)
        {
            changed |= SetOpen(false);
        }
        else if (!immediate && !Temporary && wasTemporary)
        {
            changed |= SetOpen(true);
        }

        return changed;
    }

    /// <summary>
    /// The breakpoint of a width class from <c>adminCenter.watchWidth</c>: how many of MudBlazor's breakpoints (600, 960,
    /// 1280, 1920, 2560 px) the window reaches.
    /// </summary>
    public static Breakpoint BreakpointOf(int widthClass) => WidthClasses[Math.Clamp(widthClass, 0, WidthClasses.Length - 1)];

    private static readonly Breakpoint[] WidthClasses = [Breakpoint.Xs, Breakpoint.Sm, Breakpoint.Md, Breakpoint.Lg, Breakpoint.Xl, Breakpoint.Xxl];

    private static bool IsNarrow(Breakpoint breakpoint) => breakpoint is Breakpoint.Xs or Breakpoint.Sm or Breakpoint.Md;

    private bool SetOpen(bool open)
    {
        if (open == Open)
        {
            return false;
        }

        Open = open;
        Initial = false;
        return true;
    }

    private static string BuildDrawerClass(bool open, bool initial, bool temporary) =>
        "mud-drawer mud-drawer-fixed mud-drawer-pos-left"
        + (open ? " mud-drawer--open" : " mud-drawer--closed")
        + (initial ? " mud-drawer--initial" : "")
        + " mud-drawer-md mud-drawer-clipped-always mud-elevation-0"
        + (temporary ? " mud-drawer-temporary" : " mud-drawer-mini")
        + " app-nav";
}
