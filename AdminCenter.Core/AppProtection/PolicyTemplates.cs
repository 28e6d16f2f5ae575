using System.Globalization;

namespace AdminCenter.Core.AppProtection;

/// <summary>The data protection framework levels a Windows policy can start from (spec 03, Templates).</summary>
public enum PolicyTemplateLevel
{
    /// <summary>Level 1 basic data protection.</summary>
    Level1Basic,

    /// <summary>Level 2 enhanced data protection.</summary>
    Level2Enhanced,

    /// <summary>Level 3 high data protection.</summary>
    Level3High,
}

/// <summary>
/// Prefilled drafts for Create policy &gt; Windows: the spec's Templates table, and the wizard's defaults without a
/// template. The name is left empty because it must be unique and only the admin knows the right one.
/// </summary>
public static class PolicyTemplates
{
    /// <summary>The minimum Windows 11 build that supports Windows MAM, used as Min OS version by levels 2 and 3.</summary>
    public const string MinimumWindowsMamOsVersion = "10.0.22621.2506";

    /// <summary>The Max OS version (Warn) of level 3.</summary>
    public const string Level3MaxOsWarningVersion = "10.0.22641";

    /// <summary>Every level, in the order they are offered.</summary>
    public static IReadOnlyList<PolicyTemplateLevel> Levels { get; } =
        [PolicyTemplateLevel.Level1Basic, PolicyTemplateLevel.Level2Enhanced, PolicyTemplateLevel.Level3High];

    /// <summary>The name a level is offered under.</summary>
    public static string DisplayName(PolicyTemplateLevel level) => level switch
    {
        PolicyTemplateLevel.Level1Basic => "Level 1 basic data protection",
        PolicyTemplateLevel.Level2Enhanced => "Level 2 enhanced data protection",
        PolicyTemplateLevel.Level3High => "Level 3 high data protection",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown template level."),
    };

    /// <summary>
    /// A draft prefilled with <paramref name="level"/>'s values, targeting Microsoft Edge. Its
    /// <see cref="WindowsPolicyDraft.DataProtection"/> already carries the health checks too, so the draft reads the
    /// same whichever of the two a caller looks at.
    /// </summary>
    public static WindowsPolicyDraft Create(PolicyTemplateLevel level)
    {
        var restricted = level != PolicyTemplateLevel.Level1Basic;
        var dataProtection = new WindowsAppProtectionSettings
        {
            AllowedInboundDataTransferSources = restricted ? DataTransferLevel.None : DataTransferLevel.AllApps,
            AllowedOutboundDataTransferDestinations = restricted ? DataTransferLevel.None : DataTransferLevel.AllApps,
            AllowedOutboundClipboardSharingLevel = restricted ? ClipboardSharingLevel.None : ClipboardSharingLevel.AnyDestinationAnySource,
            PrintBlocked = restricted,
        };
        IReadOnlyList<HealthCheckRow> rows = level switch
        {
            PolicyTemplateLevel.Level1Basic =>
            [
                Offline(10080, HealthCheckAction.Block),
                Offline(90, HealthCheckAction.Wipe),
                ThreatLevel(DeviceThreatLevel.Low),
            ],
            PolicyTemplateLevel.Level2Enhanced =>
            [
                Offline(1440, HealthCheckAction.Block),
                Offline(30, HealthCheckAction.Wipe),
                new(HealthCheckSetting.DisabledAccount, "", HealthCheckAction.Block),
                new(HealthCheckSetting.MinOsVersion, MinimumWindowsMamOsVersion, HealthCheckAction.Block),
                ThreatLevel(DeviceThreatLevel.Medium),
            ],
            PolicyTemplateLevel.Level3High =>
            [
                Offline(1440, HealthCheckAction.Block),
                Offline(30, HealthCheckAction.Wipe),
                new(HealthCheckSetting.DisabledAccount, "", HealthCheckAction.Block),
                new(HealthCheckSetting.MinOsVersion, MinimumWindowsMamOsVersion, HealthCheckAction.Block),
                new(HealthCheckSetting.MaxOsVersion, Level3MaxOsWarningVersion, HealthCheckAction.Warn),
                ThreatLevel(DeviceThreatLevel.Secured),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown template level."),
        };
        return new WindowsPolicyDraft
        {
            DisplayName = "",
            Description = $"{DisplayName(level)} (data protection framework)",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            DataProtection = HealthChecks.Apply(dataProtection, rows),
            HealthChecks = rows,
        };
    }

    /// <summary>
    /// The wizard's defaults without a template: no app yet, every data protection default, and the two default
    /// Offline grace period rows (Block access after 720 minutes, Wipe data after 90 days).
    /// </summary>
    public static WindowsPolicyDraft Blank()
    {
        IReadOnlyList<HealthCheckRow> rows = [Offline(720, HealthCheckAction.Block), Offline(90, HealthCheckAction.Wipe)];
        return new WindowsPolicyDraft
        {
            DataProtection = HealthChecks.Apply(new WindowsAppProtectionSettings(), rows),
            HealthChecks = rows,
        };
    }

    private static HealthCheckRow Offline(int value, HealthCheckAction action) =>
        new(HealthCheckSetting.OfflineGracePeriod, value.ToString(CultureInfo.InvariantCulture), action);

    private static HealthCheckRow ThreatLevel(DeviceThreatLevel level) =>
        new(HealthCheckSetting.MaxAllowedDeviceThreatLevel, HealthChecks.ThreatLevelGraphName(level), HealthCheckAction.Block);
}
