using System.Globalization;
using AdminCenter.Core.Connectors;
using MudBlazor;

namespace AdminCenter.Components.Display;

/// <summary>How times and statuses read on every page.</summary>
public static class DisplayFormat
{
    public const string Never = "Never";

    /// <summary>MudLink's classes (Color.Primary, underline on hover), for a link drawn as a plain <c>a</c>.</summary>
    public const string LinkClass = "mud-typography mud-link mud-primary-text mud-link-underline-hover";

    /// <summary>A UTC time as an admin reads it, e.g. "Nov 25, 2026, 7:50 AM UTC".</summary>
    public static string Time(DateTime utc) =>
        utc.ToString("MMM d, yyyy, h:mm tt", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A UTC day, e.g. "Nov 25, 2026", where the time of day adds nothing but width.</summary>
    public static string Date(DateTime utc) => utc.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>How long ago <paramref name="utc"/> was, in the largest whole unit: "just now", "5 minutes ago", "3 days ago".</summary>
    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var age = nowUtc - utc;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? Ago((int)age.TotalMinutes, "minute")
            : age.TotalDays < 1 ? Ago((int)age.TotalHours, "hour")
            : Ago((int)age.TotalDays, "day");
    }

    private static string Ago(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";

    public static string LastSynchronized(DateTime? utc) => utc is { } value ? Time(value) : Never;

    public static Color StatusColor(ConnectorPartnerState state) => state switch
    {
        ConnectorPartnerState.Enabled => Color.Success,
        ConnectorPartnerState.Available => Color.Info,
        ConnectorPartnerState.Unresponsive => Color.Warning,
        ConnectorPartnerState.Error => Color.Error,
        _ => Color.Default,
    };

    public static Color HealthColor(ConnectorSyncHealth health) => health switch
    {
        ConnectorSyncHealth.Healthy => Color.Success,
        ConnectorSyncHealth.Warning => Color.Warning,
        _ => Color.Error,
    };
}
