using MudBlazor;

namespace AdminCenter.Components.Layout;

/// <summary>
/// Light and dark palettes close to the Intune admin center's (Fluent 2), checked for WCAG AA: every text colour
/// reaches 4.5:1 on the backgrounds it is used on, and every filled colour carries a contrast text that reaches 4.5:1
/// on it. The e2e accessibility suite runs axe's colour-contrast rule over every page in both themes.
/// </summary>
internal static class AdminCenterTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            // Fluent 2's brand blue: 5.1:1 on the page background, where the older #0078D4 reaches only 4.3:1.
            Primary = "#0F6CBD",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#605E5C",
            AppbarBackground = "#1B1A19",
            AppbarText = "#FFFFFF",
            Background = "#FAF9F8",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#323130",
            DrawerIcon = "#605E5C",
            TextPrimary = "#323130",
            TextSecondary = "#605E5C",
            ActionDefault = "#605E5C",
            Success = "#107C10",
            // #C19C00 reached 2.6:1 as text; this amber keeps the hue at 5.1:1.
            Warning = "#8A6A00",
            WarningContrastText = "#FFFFFF",
            Error = "#A4262C",
            Info = "#0F6CBD",
            // Alerts write their text in the "darken" shade on a tint of the colour: these keep it at 4.5:1 or more.
            PrimaryDarken = "#0C5A9E",
            InfoDarken = "#0C5A9E",
            SuccessDarken = "#0B6A0B",
            WarningDarken = "#6B5200",
            ErrorDarken = "#8E1F25",
        },
        PaletteDark = new PaletteDark
        {
            // Light blue for text and links (5.2:1 on surfaces); filled buttons carry black text (7.5:1), since
            // white on this blue is only 2.8:1.
            Primary = "#479EF5",
            PrimaryContrastText = "#000000",
            Secondary = "#C8C6C4",
            SecondaryContrastText = "#000000",
            AppbarBackground = "#0A0A0A",
            AppbarText = "#FFFFFF",
            Background = "#1F1F1F",
            Surface = "#292929",
            DrawerBackground = "#242424",
            DrawerText = "#FFFFFF",
            DrawerIcon = "#D6D6D6",
            TextPrimary = "#FFFFFF",
            TextSecondary = "#D6D6D6",
            ActionDefault = "#D6D6D6",
            Success = "#54B054",
            SuccessContrastText = "#000000",
            Warning = "#E3C54A",
            WarningContrastText = "#000000",
            Error = "#F1707B",
            ErrorContrastText = "#000000",
            Info = "#479EF5",
            InfoContrastText = "#000000",
            // On dark surfaces the alert text shade must be lighter, not darker (MudBlazor's darken gave 4.4:1).
            PrimaryDarken = "#6CB1F7",
            InfoDarken = "#6CB1F7",
            SuccessDarken = "#6CC46C",
            WarningDarken = "#E8CF6A",
            ErrorDarken = "#F58A93",
        },
        // The admin center writes buttons and tabs in sentence case ("Add", "App protection"), not capitals.
        Typography = new Typography
        {
            Button = new ButtonTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DrawerWidthLeft = "240px",
            DrawerMiniWidthLeft = "56px",
        },
    };
}
