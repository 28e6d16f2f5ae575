namespace AdminCenter.Core.Common;

/// <summary>
/// Display names of the client apps admins meet in registrations, wipe requests and sign-ins, by app id (bundle or
/// package id, compared ignoring case). An id not listed is shown as it is, never guessed.
/// </summary>
public static class AppNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["com.microsoft.edge"] = "Microsoft Edge",
        ["com.microsoft.emmx"] = "Microsoft Edge",
        ["com.microsoft.msedge"] = "Microsoft Edge",
        ["com.microsoft.office.outlook"] = "Microsoft Outlook",
        ["com.microsoft.teams"] = "Microsoft Teams",
        ["com.microsoft.skydrive"] = "Microsoft OneDrive",
        ["com.microsoft.office.word"] = "Microsoft Word",
        ["com.microsoft.office.excel"] = "Microsoft Excel",
        ["com.microsoft.office.powerpoint"] = "Microsoft PowerPoint",
        ["com.google.chrome"] = "Google Chrome",
        ["com.google.chrome.ios"] = "Google Chrome",
        ["com.android.chrome"] = "Google Chrome",
        ["org.mozilla.firefox"] = "Mozilla Firefox",
        ["org.mozilla.ios.firefox"] = "Mozilla Firefox",
        ["com.apple.mobilesafari"] = "Safari",
        ["com.apple.safari"] = "Safari",
        ["com.brave.browser"] = "Brave",
        ["com.opera.browser"] = "Opera",
    };

    /// <summary>"Microsoft Edge" for <c>com.microsoft.edge</c>; an unknown id as it is.</summary>
    public static string Name(string? appId) =>
        appId is null ? "" : Known.TryGetValue(appId.Trim(), out var name) ? name : appId;

    /// <summary>Whether <see cref="Name"/> has a name for <paramref name="appId"/> rather than echoing it.</summary>
    public static bool IsKnown(string? appId) => appId is not null && Known.ContainsKey(appId.Trim());
}
