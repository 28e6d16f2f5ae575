using AdminCenter.Core.AppProtection;

namespace AdminCenter.Core.Evaluation;

/// <summary>
/// How a policy fails a missing or unparsable version: once per reported value (app, SDK, Windows), through the row
/// named <paramref name="Setting"/> (a Block row if there is one, else Wipe, else Warn).
/// </summary>
/// <param name="Setting">The Graph property of the row that fails.</param>
/// <param name="ConfiguredAction">That row's action.</param>
/// <param name="Action">Block when the row is Block or Wipe (never Wipe on missing data), Warn for a Warn-only setting.</param>
public readonly record struct VersionNotReportedRule(string Setting, HealthCheckAction ConfiguredAction, EvaluationOutcome Action);

/// <summary>
/// A Windows app protection policy compiled once per policy change: versions parsed and durations resolved, so
/// <see cref="EvaluationEngine.Evaluate"/> only compares. A null value means the row is absent.
/// </summary>
public sealed class CompiledPolicy
{
    private CompiledPolicy(string id, string displayName, WindowsAppProtectionSettings settings)
    {
        Id = id;
        DisplayName = displayName;
        Settings = settings;
    }

    /// <summary>The policy's id.</summary>
    public string Id { get; }

    /// <summary>The policy's name, as reasons show it.</summary>
    public string DisplayName { get; }

    /// <summary>The settings the policy was compiled from.</summary>
    public WindowsAppProtectionSettings Settings { get; }

    /// <summary>Offline grace period, Block access (<c>periodOfflineBeforeAccessCheck</c>).</summary>
    public TimeSpan? OfflineBlockPeriod { get; private init; }

    /// <summary>Offline grace period, Wipe data (<c>periodOfflineBeforeWipeIsEnforced</c>).</summary>
    public TimeSpan? OfflineWipePeriod { get; private init; }

    /// <summary><c>minimumWarningAppVersion</c>.</summary>
    public AppVersion? MinimumWarningAppVersion { get; private init; }

    /// <summary><c>minimumRequiredAppVersion</c>.</summary>
    public AppVersion? MinimumRequiredAppVersion { get; private init; }

    /// <summary><c>minimumWipeAppVersion</c>.</summary>
    public AppVersion? MinimumWipeAppVersion { get; private init; }

    /// <summary><c>minimumRequiredSdkVersion</c>.</summary>
    public AppVersion? MinimumRequiredSdkVersion { get; private init; }

    /// <summary><c>minimumWipeSdkVersion</c>.</summary>
    public AppVersion? MinimumWipeSdkVersion { get; private init; }

    /// <summary><c>minimumWarningOsVersion</c>.</summary>
    public AppVersion? MinimumWarningOsVersion { get; private init; }

    /// <summary><c>minimumRequiredOsVersion</c>.</summary>
    public AppVersion? MinimumRequiredOsVersion { get; private init; }

    /// <summary><c>minimumWipeOsVersion</c>.</summary>
    public AppVersion? MinimumWipeOsVersion { get; private init; }

    /// <summary><c>maximumWarningOsVersion</c>.</summary>
    public AppVersion? MaximumWarningOsVersion { get; private init; }

    /// <summary><c>maximumRequiredOsVersion</c>.</summary>
    public AppVersion? MaximumRequiredOsVersion { get; private init; }

    /// <summary><c>maximumWipeOsVersion</c>.</summary>
    public AppVersion? MaximumWipeOsVersion { get; private init; }

    /// <summary>What a missing app version fails; null when no Min app version row is configured.</summary>
    public VersionNotReportedRule? AppVersionNotReported { get; private init; }

    /// <summary>What a missing SDK version fails; null when no Min SDK version row is configured.</summary>
    public VersionNotReportedRule? SdkVersionNotReported { get; private init; }

    /// <summary>What a missing Windows version fails; null when no Min or Max OS version row is configured.</summary>
    public VersionNotReportedRule? OsVersionNotReported { get; private init; }

    /// <summary>Disabled account (<c>appActionIfUnableToAuthenticateUser</c>).</summary>
    public HealthCheckAction? DisabledAccountAction { get; private init; }

    /// <summary><c>maximumAllowedDeviceThreatLevel</c>; <see cref="DeviceThreatLevel.NotConfigured"/> when the row is absent.</summary>
    public DeviceThreatLevel MaximumAllowedDeviceThreatLevel { get; private init; }

    /// <summary><c>mobileThreatDefenseRemediationAction</c>: what a threat level above the allowed one does.</summary>
    public HealthCheckAction ThreatLevelAction { get; private init; }

    /// <summary>
    /// Graph names of settings whose stored value could not be read (never the case for a policy saved through
    /// <see cref="HealthChecks.Apply"/>); those rows are left out of evaluation, and callers can surface them.
    /// </summary>
    public IReadOnlyList<string> IgnoredSettings { get; private init; } = [];

    /// <summary>Parses and resolves <paramref name="settings"/> once, so evaluation never parses.</summary>
    public static CompiledPolicy Compile(string id, string displayName, WindowsAppProtectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(settings);

        var rows = VersionRows.All;
        var versions = new AppVersion?[rows.Length];
        var ignored = new List<string>();
        for (var i = 0; i < rows.Length; i++)
        {
            var text = rows[i].Read(settings)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            if (AppVersion.TryParse(text, out var version))
            {
                versions[i] = version;
            }
            else
            {
                ignored.Add(rows[i].Setting);
            }
        }

        var threatLevel = settings.MaximumAllowedDeviceThreatLevel;
        if (!Enum.IsDefined(threatLevel))
        {
            ignored.Add("maximumAllowedDeviceThreatLevel");
            threatLevel = DeviceThreatLevel.NotConfigured;
        }

        return new CompiledPolicy(id, displayName, settings)
        {
            OfflineBlockPeriod = settings.PeriodOfflineBeforeAccessCheck,
            OfflineWipePeriod = settings.PeriodOfflineBeforeWipeIsEnforced,
            MinimumWarningAppVersion = versions[0],
            MinimumRequiredAppVersion = versions[1],
            MinimumWipeAppVersion = versions[2],
            MinimumRequiredSdkVersion = versions[3],
            MinimumWipeSdkVersion = versions[4],
            MinimumWarningOsVersion = versions[5],
            MinimumRequiredOsVersion = versions[6],
            MinimumWipeOsVersion = versions[7],
            MaximumWarningOsVersion = versions[8],
            MaximumRequiredOsVersion = versions[9],
            MaximumWipeOsVersion = versions[10],
            AppVersionNotReported = NotReportedRule(versions, ReasonKind.AppVersionNotReported),
            SdkVersionNotReported = NotReportedRule(versions, ReasonKind.SdkVersionNotReported),
            OsVersionNotReported = NotReportedRule(versions, ReasonKind.OsVersionNotReported),
            DisabledAccountAction = settings.AppActionIfUnableToAuthenticateUser,
            MaximumAllowedDeviceThreatLevel = threatLevel,
            ThreatLevelAction = settings.MobileThreatDefenseRemediationAction,
            IgnoredSettings = ignored.AsReadOnly(),
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{DisplayName} ({Id})";

    // Spec 04: a missing version "fails the Block row (never Wipe)". The Block row is preferred as the one named;
    // with only a Wipe row it still blocks rather than wipes, and a Warn-only setting can do no more than warn.
    private static VersionNotReportedRule? NotReportedRule(AppVersion?[] versions, ReasonKind notReportedKind)
    {
        VersionRowDefinition? chosen = null;
        var rows = VersionRows.All;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (versions[i] is null || row.NotReportedKind != notReportedKind || (chosen is not null && Rank(row.Action) <= Rank(chosen.Action)))
            {
                continue;
            }
            chosen = row;
        }
        if (chosen is null)
        {
            return null;
        }
        var action = chosen.Action == HealthCheckAction.Warn ? EvaluationOutcome.Warn : EvaluationOutcome.Block;
        return new VersionNotReportedRule(chosen.Setting, chosen.Action, action);
    }

    private static int Rank(HealthCheckAction action) => action switch
    {
        HealthCheckAction.Block => 2,
        HealthCheckAction.Wipe => 1,
        _ => 0,
    };
}
