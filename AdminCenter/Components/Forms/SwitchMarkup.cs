namespace AdminCenter.Components.Forms;

/// <summary>
/// The parts of MudSwitch's markup (Color.Primary, medium, label after the switch) that change with its state, as shared
/// strings: a form that draws its switches itself (a native check box with role "switch" inside MudBlazor's label,
/// thumb and track) keeps no component per switch in every open tab.
/// </summary>
public static class SwitchMarkup
{
    private const string BasePrefix = "mud-button-root mud-icon-button mud-switch-base ";

    // [disabled ? 1 : 0, checked ? 1 : 0]
    private static readonly string[,] BaseClasses =
    {
        {
            BasePrefix + "mud-ripple mud-ripple-switch mud-default-text hover:mud-default-hover mud-switch-base-medium",
            BasePrefix + "mud-ripple mud-ripple-switch mud-primary-text hover:mud-primary-hover mud-checked mud-switch-base-medium",
        },
        {
            BasePrefix + "mud-switch-disabled mud-readonly mud-switch-base-medium",
            BasePrefix + "mud-switch-disabled mud-readonly mud-checked mud-switch-base-medium",
        },
    };

    /// <summary>The label's class: a read-only switch is also disabled, as MudSwitch with ReadOnly and Disabled.</summary>
    public static string LabelClass(bool disabled) =>
        disabled ? "mud-switch mud-disabled mud-readonly mud-input-content-placement-end" : "mud-switch mud-input-content-placement-end";

    /// <summary>The class of the span around the input.</summary>
    public static string BaseClass(bool isChecked, bool disabled) => BaseClasses[disabled ? 1 : 0, isChecked ? 1 : 0];

    /// <summary>The track's class.</summary>
    public static string TrackClass(bool isChecked) => isChecked ? "mud-switch-track mud-primary" : "mud-switch-track mud-default";
}
