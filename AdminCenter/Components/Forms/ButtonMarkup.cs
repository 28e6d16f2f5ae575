using AdminCenter.Components.Display;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AdminCenter.Components.Forms;

/// <summary>
/// How a <see cref="ButtonMarkup"/> button looks: MudButton's Variant, Color, StartIcon and Size. Its class and icon markup
/// are built once; pages keep their looks in static fields, so every open tab shares the same strings.
/// </summary>
public sealed class ButtonLook
{
    public ButtonLook(Variant variant, Color color = Color.Default, string? startIcon = null, Size size = Size.Medium)
    {
        var variantName = variant.ToString().ToLowerInvariant();
        var sizeName = size.ToString().ToLowerInvariant();
        Class = $"mud-button-root mud-button mud-button-{variantName} mud-button-{variantName}-{color.ToString().ToLowerInvariant()} mud-button-{variantName}-size-{sizeName} mud-ripple";
        StartIcon = startIcon is null
            ? null
            : new MarkupString($"<span class=\"mud-button-icon-start mud-button-icon-size-{sizeName}\">{IconMarkup.Html(startIcon)}</span>");
    }

    /// <summary>MudButton's classes for this look.</summary>
    public string Class { get; }

    /// <summary>The start icon's span, as MudButton draws it; none without an icon.</summary>
    public MarkupString? StartIcon { get; }
}

/// <summary>
/// MudButton's markup (its classes, label span, start icon and ripple) drawn into the page's own render tree: a command
/// bar's or a table row's buttons would otherwise be components that every open tab keeps (BENCHMARKS.md, "Serving cost
/// per open tab").
/// </summary>
public static class ButtonMarkup
{
    private static readonly ButtonLook OutlinedLook = new(Variant.Outlined);
    private static readonly ButtonLook FilledPrimaryLook = new(Variant.Filled, Color.Primary);

    /// <summary>As <c>MudButton Variant="Outlined"</c>: a secondary action such as Previous.</summary>
    public static RenderFragment Outlined(string label, bool disabled, EventCallback onClick) => For(OutlinedLook, label, disabled, onClick);

    /// <summary>As <c>MudButton Variant="Filled" Color="Primary"</c>: the step's main action (Next, Create, Save).</summary>
    public static RenderFragment FilledPrimary(string label, bool disabled, EventCallback onClick) => For(FilledPrimaryLook, label, disabled, onClick);

    /// <summary>
    /// A button of <paramref name="look"/>; <paramref name="ariaLabel"/> names it where the label alone would be ambiguous
    /// (a Remove on every row).
    /// </summary>
    public static RenderFragment For(ButtonLook look, string label, bool disabled, EventCallback onClick, string? ariaLabel = null) => builder =>
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "class", look.Class);
        builder.AddAttribute(3, "aria-label", ariaLabel);
        builder.AddAttribute(4, "disabled", disabled);
        builder.AddAttribute(5, "onclick", onClick);
        // As MudButton: a button inside a clickable row does not also click the row.
        builder.AddEventStopPropagationAttribute(6, "onclick", true);
        Label(builder, look, label);
        builder.CloseElement();
    };

    /// <summary>As MudButton with <c>Href</c>: a link that looks like a button of <paramref name="look"/>.</summary>
    public static RenderFragment Link(ButtonLook look, string label, string href) => builder =>
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "href", href);
        builder.AddAttribute(2, "class", look.Class);
        Label(builder, look, label);
        builder.CloseElement();
    };

    private static void Label(RenderTreeBuilder builder, ButtonLook look, string label)
    {
        builder.OpenElement(10, "span");
        builder.AddAttribute(11, "class", "mud-button-label");
        if (look.StartIcon is { } icon)
        {
            builder.AddMarkupContent(12, icon.Value);
        }
        builder.AddContent(13, label);
        builder.CloseElement();
    }
}
