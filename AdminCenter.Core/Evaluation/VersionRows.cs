using AdminCenter.Core.AppProtection;

namespace AdminCenter.Core.Evaluation;

/// <summary>One version row of the Health checks table: its reason kind, action, Graph property and where to read it.</summary>
internal sealed record VersionRowDefinition(
    ReasonKind Kind,
    HealthCheckAction Action,
    string Setting,
    Func<WindowsAppProtectionSettings, string?> Read)
{
    /// <summary>Max OS version fails above the threshold; every other version row fails below it.</summary>
    public bool IsMaximum => Kind == ReasonKind.MaxOsVersion;

    /// <summary>The reason kind when the value this row compares (app, SDK or Windows version) is missing.</summary>
    public ReasonKind NotReportedKind => Kind switch
    {
        ReasonKind.MinAppVersion => ReasonKind.AppVersionNotReported,
        ReasonKind.MinSdkVersion => ReasonKind.SdkVersionNotReported,
        _ => ReasonKind.OsVersionNotReported,
    };
}

/// <summary>The eleven version rows, in the Health checks table's order, so compiling and explaining share one map.</summary>
internal static class VersionRows
{
    public static readonly VersionRowDefinition[] All =
    [
        new(ReasonKind.MinAppVersion, HealthCheckAction.Warn, "minimumWarningAppVersion", s => s.MinimumWarningAppVersion),
        new(ReasonKind.MinAppVersion, HealthCheckAction.Block, "minimumRequiredAppVersion", s => s.MinimumRequiredAppVersion),
        new(ReasonKind.MinAppVersion, HealthCheckAction.Wipe, "minimumWipeAppVersion", s => s.MinimumWipeAppVersion),
        new(ReasonKind.MinSdkVersion, HealthCheckAction.Block, "minimumRequiredSdkVersion", s => s.MinimumRequiredSdkVersion),
        new(ReasonKind.MinSdkVersion, HealthCheckAction.Wipe, "minimumWipeSdkVersion", s => s.MinimumWipeSdkVersion),
        new(ReasonKind.MinOsVersion, HealthCheckAction.Warn, "minimumWarningOsVersion", s => s.MinimumWarningOsVersion),
        new(ReasonKind.MinOsVersion, HealthCheckAction.Block, "minimumRequiredOsVersion", s => s.MinimumRequiredOsVersion),
        new(ReasonKind.MinOsVersion, HealthCheckAction.Wipe, "minimumWipeOsVersion", s => s.MinimumWipeOsVersion),
        new(ReasonKind.MaxOsVersion, HealthCheckAction.Warn, "maximumWarningOsVersion", s => s.MaximumWarningOsVersion),
        new(ReasonKind.MaxOsVersion, HealthCheckAction.Block, "maximumRequiredOsVersion", s => s.MaximumRequiredOsVersion),
        new(ReasonKind.MaxOsVersion, HealthCheckAction.Wipe, "maximumWipeOsVersion", s => s.MaximumWipeOsVersion),
    ];

    public static VersionRowDefinition? Find(ReasonKind kind, HealthCheckAction action)
    {
        foreach (var row in All)
        {
            if (row.Kind == kind && row.Action == action)
            {
                return row;
            }
        }
        return null;
    }

    public static VersionRowDefinition? Find(string setting)
    {
        foreach (var row in All)
        {
            if (row.Setting == setting)
            {
                return row;
            }
        }
        return null;
    }
}
