using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AdminCenter.Components.Forms;

/// <summary>
/// MudButton's markup (medium size, with its ripple) drawn into the page's own render tree: a wizard's footer buttons
/// would otherwise be components that every open tab keeps (BENCHMARKS.md, "Serving cost per open tab").
/// </summary>
public static class ButtonMarkup
{
    private const string OutlinedClass =
        "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-medium mud-ripple";

    private const string FilledPrimaryClass =
        "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";

    /// <summary>As <c>MudButton Variant="Outlined"</c>: a secondary action such as Previous.</summary>
    public static RenderFragment Outlined(string label, bool disabled, EventCallback onClick) =>
        builder => Build(builder, OutlinedClass, label, disabled, onClick);

    /// <summary>As <c>MudButton Variant="Filled" Color="Primary"</c>: the step's main action (Next, Create, Save).</summary>
    public static RenderFragment FilledPrimary(string label, bool disabled, EventCallback onClick) =>
        builder => Build(builder, FilledPrimaryClass, label, disabled, onClick);

    private static void Build(RenderTreeBuilder builder, string buttonClass, string label, bool disabled, EventCallback onClick)
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "class", buttonClass);
        builder.AddAttribute(3, "disabled", disabled);
        builder.AddAttribute(4, "onclick", onClick);
        builder.OpenElement(5, "span");
        builder.AddAttribute(6, "class", "mud-button-label");
        builder.AddContent(7, label);
        builder.CloseElement();
        builder.CloseElement();
    }
}
