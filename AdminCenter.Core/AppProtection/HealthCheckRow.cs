namespace AdminCenter.Core.AppProtection;

/// <summary>The settings of the Health checks step (spec 03), in the order the admin center lists them.</summary>
public enum HealthCheckSetting
{
    OfflineGracePeriod,
    MinAppVersion,
    MinSdkVersion,
    DisabledAccount,
    MinOsVersion,
    MaxOsVersion,
    MaxAllowedDeviceThreatLevel,
}

/// <summary>
/// One row of the Health checks table: Setting | Value | Action. Value is the admin's text (a version, a whole
/// number of minutes or days for the offline grace period, a threat level's Graph name, empty for Disabled account),
/// kept as typed so a wrong value can be shown with its message.
/// </summary>
public sealed record HealthCheckRow(HealthCheckSetting Setting, string Value, HealthCheckAction Action);

/// <summary>A broken rule of the Health checks table, shown at row <paramref name="RowIndex"/>.</summary>
public sealed record HealthCheckProblem(int RowIndex, string Message);
