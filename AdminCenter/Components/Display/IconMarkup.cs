using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminCenter.Components.Display;

/// <summary>
/// MudIcon's markup (an <c>svg</c> with MudBlazor's classes) as a string, for icons drawn inside plain markup: a
/// MudIcon is a component, and every component costs each open tab 3-5 KB. Built once per icon and shared by every circuit.
/// </summary>
public static class IconMarkup
{
    /// <summary>An icon of <paramref name="paths"/> (one of MudBlazor's <c>Icons</c>), medium unless said, with classes of its own after MudIcon's.</summary>
    public static string Html(string paths, string extraClasses = "", Size size = Size.Medium) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{size.ToString().ToLowerInvariant()}{(extraClasses.Length == 0 ? "" : " " + extraClasses)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{paths}</svg>";

    /// <inheritdoc cref="Html"/>
    public static MarkupString For(string paths, string extraClasses = "", Size size = Size.Medium) => new(Html(paths, extraClasses, size));
}
