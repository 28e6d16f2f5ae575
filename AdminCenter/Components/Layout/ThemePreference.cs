namespace AdminCenter.Components.Layout;

/// <summary>
/// The admin's light/dark choice, kept in a cookie. The cookie arrives with the page request, so App.razor knows the
/// theme before the circuit starts and the first render already uses it: no flash of the other theme, which a value
/// read from localStorage after the first render would cause. It is a display preference, not a secret.
/// </summary>
public static class ThemePreference
{
    public const string CookieName = "AdminCenter.Theme";

    public const string Dark = "dark";

    public const string Light = "light";

    public static bool IsDark(string? cookieValue) => string.Equals(cookieValue, Dark, StringComparison.Ordinal);

    public static string ToCookieValue(bool darkMode) => darkMode ? Dark : Light;
}
