namespace AdminCenter.Components.Account;

/// <summary>Where sign-in may send an admin back to: local paths only, as <c>IUrlHelper.IsLocalUrl</c> decides.</summary>
internal static class ReturnUrl
{
    /// <summary>The return URL when it is a local path (<c>/apps/...</c> or <c>~/apps/...</c>), otherwise Home.</summary>
    /// <remarks>
    /// <c>Uri.TryCreate(..., UriKind.Absolute)</c> cannot decide this: on Linux <c>/apps/x</c> parses as an absolute
    /// <c>file://</c> URI. An absolute URL, <c>//host</c> and <c>/\host</c> (which browsers read as <c>//host</c>) lead
    /// to another site, so they are refused.
    /// </remarks>
    public static string LocalOrHome(string? returnUrl) =>
        !IsLocal(returnUrl) ? "/" : returnUrl![0] == '~' ? returnUrl[1..] : returnUrl;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }
        if (url[0] == '/')
        {
            // "/" alone, or "/x" where x is neither '/' nor '\'.
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\' && !HasControlCharacters(url));
        }
        return url.Length > 1 && url[0] == '~' && url[1] == '/'
            && (url.Length == 2 || (url[2] != '/' && url[2] != '\\' && !HasControlCharacters(url)));
    }

    // Browsers drop tabs and newlines inside URLs, so "/\t/evil.com" would become "//evil.com".
    private static bool HasControlCharacters(string url) => url.Any(char.IsControl);
}
