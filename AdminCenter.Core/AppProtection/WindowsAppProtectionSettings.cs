namespace AdminCenter.Core.AppProtection;

/// <summary>Graph <c>windowsManagedAppDataTransferLevel</c>: where org data may come from or go to.</summary>
public enum DataTransferLevel
{
    AllApps,
    None,
}

/// <summary>Graph <c>windowsManagedAppClipboardSharingLevel</c>.</summary>
public enum ClipboardSharingLevel
{
    AnyDestinationAnySource,
    None,
    OrgDestinationAnySource,
    OrgDestinationOrgSource,
}

/// <summary>Graph <c>managedAppDeviceThreatLevel</c>, in order: secured &lt; low &lt; medium &lt; high.</summary>
public enum DeviceThreatLevel
{
    NotConfigured,
    Secured,
    Low,
    Medium,
    High,
}

/// <summary>Graph <c>managedAppRemediationAction</c>: what a failed health check does.</summary>
public enum HealthCheckAction
{
    Warn,
    Block,
    Wipe,
}

/// <summary>
/// Every setting of a Windows app protection policy (spec 03), named as Graph's <c>windowsManagedAppProtection</c>.
/// Health checks are flat here, as in Graph; the wizard edits them as rows (<see cref="HealthCheckRow"/>).
/// </summary>
public sealed record WindowsAppProtectionSettings
{
    public DataTransferLevel AllowedInboundDataTransferSources { get; init; } = DataTransferLevel.AllApps;
    public DataTransferLevel AllowedOutboundDataTransferDestinations { get; init; } = DataTransferLevel.AllApps;
    public ClipboardSharingLevel AllowedOutboundClipboardSharingLevel { get; init; } = ClipboardSharingLevel.AnyDestinationAnySource;
    public bool PrintBlocked { get; init; }

    /// <summary>Block access after this long offline (default 720 minutes); null when the row is absent.</summary>
    public TimeSpan? PeriodOfflineBeforeAccessCheck { get; init; } = TimeSpan.FromMinutes(720);

    /// <summary>Wipe org data after this long offline (default 90 days); null when the row is absent.</summary>
    public TimeSpan? PeriodOfflineBeforeWipeIsEnforced { get; init; } = TimeSpan.FromDays(90);

    public string? MinimumWarningAppVersion { get; init; }
    public string? MinimumRequiredAppVersion { get; init; }
    public string? MinimumWipeAppVersion { get; init; }
    public string? MinimumRequiredSdkVersion { get; init; }
    public string? MinimumWipeSdkVersion { get; init; }

    /// <summary>Block or Wipe when the user's account is disabled; null when the row is absent.</summary>
    public HealthCheckAction? AppActionIfUnableToAuthenticateUser { get; init; }

    public string? MinimumWarningOsVersion { get; init; }
    public string? MinimumRequiredOsVersion { get; init; }
    public string? MinimumWipeOsVersion { get; init; }
    public string? MaximumWarningOsVersion { get; init; }
    public string? MaximumRequiredOsVersion { get; init; }
    public string? MaximumWipeOsVersion { get; init; }

    public DeviceThreatLevel MaximumAllowedDeviceThreatLevel { get; init; } = DeviceThreatLevel.NotConfigured;

    /// <summary>Block or Wipe when the device's threat level is above the allowed one.</summary>
    public HealthCheckAction MobileThreatDefenseRemediationAction { get; init; } = HealthCheckAction.Block;
}
