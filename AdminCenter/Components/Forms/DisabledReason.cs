using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AdminCenter.Components.Forms;

/// <summary>
/// Why the primary button beside it is disabled: a disabled button never leaves the admin guessing. MudText's caption
/// markup drawn into the page's own render tree, as the reason is a value and not worth a component in every open tab.
/// </summary>
public static class DisabledReason
{
    /// <summary>The caption for <paramref name="reason"/>; nothing while the button is enabled (a null or empty reason).</summary>
    public static RenderFragment? For(string? reason) => string.IsNullOrEmpty(reason) ? null : builder => Build(builder, reason);

    private static void Build(RenderTreeBuilder builder, string reason)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-typography mud-typography-caption disabled-reason");
        builder.AddAttribute(2, "role", "status");
        builder.AddAttribute(3, "data-testid", "disabled-reason");
        builder.AddContent(4, reason);
        builder.CloseElement();
    }
}
