using Microsoft.AspNetCore.Components;

namespace AdminCenter.Components.Forms;

/// <summary>
/// The parts of MudCheckBox's markup (Color.Primary, label after the box) that change with its state, as shared
/// strings: a form that draws its check boxes itself (a native input inside MudBlazor's label) keeps no component and
/// no string of its own per box in every open tab.
/// </summary>
public static class CheckBoxMarkup
{
    private const string ButtonClassPrefix =
        "mud-button-root mud-icon-button mud-primary-text hover:mud-primary-hover mud-ripple mud-ripple-checkbox ";

    private static readonly string CheckedClass = ButtonClassPrefix + "mud-checkbox-true";
    private static readonly string UncheckedClass = ButtonClassPrefix + "mud-checkbox-false";

    private static readonly MarkupString CheckedIcon = Svg(MudBlazor.Icons.Material.Filled.CheckBox);
    private static readonly MarkupString UncheckedIcon = Svg(MudBlazor.Icons.Material.Filled.CheckBoxOutlineBlank);

    /// <summary>The class of the span around the input.</summary>
    public static string ButtonClass(bool isChecked) => isChecked ? CheckedClass : UncheckedClass;

    /// <summary>The box's icon, drawn after the (transparent) input.</summary>
    public static MarkupString Icon(bool isChecked) => isChecked ? CheckedIcon : UncheckedIcon;

    private static MarkupString Svg(string paths) => new(
        $"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{paths}</svg>""");
}
