using MudBlazor;

namespace AdminCenter.Components.Layout;

/// <summary>Light and dark palettes close to the Intune admin center's.</summary>
internal static class AdminCenterTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0078D4",
            Secondary = "#605E5C",
            AppbarBackground = "#1B1A19",
            AppbarText = "#FFFFFF",
            Background = "#FAF9F8",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#323130",
            TextPrimary = "#323130",
            Success = "#107C10",
            Warning = "#C19C00",
            Error = "#A4262C",
            Info = "#0078D4",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#479EF5",
            AppbarBackground = "#0A0A0A",
            Background = "#1F1F1F",
            Surface = "#292929",
            DrawerBackground = "#242424",
            Success = "#54B054",
            Warning = "#E3C54A",
            Error = "#F1707B",
            Info = "#479EF5",
        },
        // The admin center writes buttons in sentence case ("Add", "Create"), not capitals.
        Typography = new Typography
        {
            Button = new ButtonTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DrawerWidthLeft = "240px",
        },
    };
}
