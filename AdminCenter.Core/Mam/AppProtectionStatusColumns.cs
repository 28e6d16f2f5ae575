namespace AdminCenter.Core.Mam;

/// <summary>The status report's columns (spec 04 Monitoring, 07 Report parity), in the order the table shows them.</summary>
public enum AppProtectionStatusColumn
{
    User,
    Email,
    App,
    AppVersion,
    SdkVersion,
    DeviceName,
    DeviceType,
    DeviceManufacturer,
    DeviceModel,
    EntraDeviceId,
    Platform,
    PlatformVersion,
    ManagementType,
    PolicyNames,
    ThreatLevel,
    Outcome,
    LastSync,
}

/// <summary>
/// Which columns an admin sees in the status report: what an admin looks for first by default, the rest on demand
/// through Columns, remembered per admin as a comma-separated list of column names under <see cref="PreferenceKey"/>.
/// </summary>
public static class AppProtectionStatusColumns
{
    public const string PreferenceKey = "appProtectionStatus.columns";

    public static IReadOnlyList<AppProtectionStatusColumn> All { get; } = Enum.GetValues<AppProtectionStatusColumn>();

    /// <summary>Who, on which device, how healthy, what app protection does about it, under which policy, since when.</summary>
    public static IReadOnlySet<AppProtectionStatusColumn> Default { get; } = new HashSet<AppProtectionStatusColumn>
    {
        AppProtectionStatusColumn.User,
        AppProtectionStatusColumn.DeviceName,
        AppProtectionStatusColumn.ThreatLevel,
        AppProtectionStatusColumn.Outcome,
        AppProtectionStatusColumn.PolicyNames,
        AppProtectionStatusColumn.LastSync,
    };

    public static string Title(AppProtectionStatusColumn column) => column switch
    {
        AppProtectionStatusColumn.User => "User",
        AppProtectionStatusColumn.Email => "Email",
        AppProtectionStatusColumn.App => "App",
        AppProtectionStatusColumn.AppVersion => "App version",
        AppProtectionStatusColumn.SdkVersion => "SDK version",
        AppProtectionStatusColumn.DeviceName => "Device name",
        AppProtectionStatusColumn.DeviceType => "Device type",
        AppProtectionStatusColumn.DeviceManufacturer => "Device manufacturer",
        AppProtectionStatusColumn.DeviceModel => "Device model",
        AppProtectionStatusColumn.EntraDeviceId => "Entra device ID",
        AppProtectionStatusColumn.Platform => "Platform",
        AppProtectionStatusColumn.PlatformVersion => "Platform version",
        AppProtectionStatusColumn.ManagementType => "Management type",
        AppProtectionStatusColumn.PolicyNames => "Policy name(s)",
        AppProtectionStatusColumn.ThreatLevel => "Threat level",
        AppProtectionStatusColumn.Outcome => "Outcome",
        AppProtectionStatusColumn.LastSync => "Last sync",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>
    /// The stored choice; nothing stored, or nothing recognisable (a column renamed since), gives the default.
    /// </summary>
    public static IReadOnlySet<AppProtectionStatusColumn> Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return Default;
        }
        var chosen = new HashSet<AppProtectionStatusColumn>();
        foreach (var name in stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<AppProtectionStatusColumn>(name, ignoreCase: false, out var column) && Enum.IsDefined(column))
            {
                chosen.Add(column);
            }
        }
        return chosen.Count == 0 ? Default : chosen;
    }

    /// <summary>The value stored for <paramref name="visible"/>, in the table's order.</summary>
    public static string Format(IEnumerable<AppProtectionStatusColumn> visible)
    {
        var set = visible.ToHashSet();
        return string.Join(",", All.Where(set.Contains));
    }

    /// <summary>
    /// <paramref name="visible"/> with <paramref name="column"/> shown or hidden; the last visible column cannot be hidden,
    /// so the report never turns into an empty frame.
    /// </summary>
    public static IReadOnlySet<AppProtectionStatusColumn> Toggle(IReadOnlySet<AppProtectionStatusColumn> visible, AppProtectionStatusColumn column, bool show)
    {
        var next = visible.ToHashSet();
        if (show)
        {
            next.Add(column);
        }
        else if (next.Count > 1)
        {
            next.Remove(column);
        }
        return next;
    }
}
