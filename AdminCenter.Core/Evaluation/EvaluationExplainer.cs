using System.Globalization;
using AdminCenter.Core.AppProtection;

namespace AdminCenter.Core.Evaluation;

/// <summary>
/// An explained reason, the shape of the check-in API's reasons (spec 05 §3).
/// </summary>
/// <param name="PolicyId">The policy's id; empty for "no app protection policy applies".</param>
/// <param name="PolicyName">The policy's name; empty for "no app protection policy applies".</param>
/// <param name="Setting">The Graph property checked (<c>minimumRequiredOsVersion</c>, ...); empty when no policy applies.</param>
/// <param name="Expected">What the policy requires, readable (<c>10.0.22621.2506 or later</c>).</param>
/// <param name="Actual">What the registration has, readable (<c>10.0.19045</c>).</param>
/// <param name="Action">What the reason does to the outcome.</param>
/// <param name="Remediation">The end user's next step.</param>
public sealed record ExplainedReason(
    string PolicyId,
    string PolicyName,
    string Setting,
    string Expected,
    string Actual,
    EvaluationOutcome Action,
    string Remediation);

/// <summary>An outcome with its explained reasons, worst first.</summary>
public sealed record EvaluationResult(EvaluationOutcome Outcome, IReadOnlyList<ExplainedReason> Reasons);

/// <summary>Turns compact <see cref="EvaluationReason"/>s into readable ones (allocates; off the hot path).</summary>
public static class EvaluationExplainer
{
    /// <summary>Graph name of the Disabled account setting.</summary>
    public const string DisabledAccountSetting = "appActionIfUnableToAuthenticateUser";

    /// <summary>Graph name of the Offline grace period's Block access row.</summary>
    public const string OfflineBlockSetting = "periodOfflineBeforeAccessCheck";

    /// <summary>Graph name of the Offline grace period's Wipe data row.</summary>
    public const string OfflineWipeSetting = "periodOfflineBeforeWipeIsEnforced";

    /// <summary>Graph name of the Max allowed device threat level setting.</summary>
    public const string ThreatLevelSetting = "maximumAllowedDeviceThreatLevel";

    /// <summary>
    /// Explains <paramref name="reason"/>, produced by <see cref="EvaluationEngine.Evaluate"/> over the same
    /// <paramref name="policies"/> and <paramref name="input"/>.
    /// </summary>
    public static ExplainedReason Explain(in EvaluationReason reason, ReadOnlySpan<CompiledPolicy> policies, in EvaluationInput input)
    {
        if (reason.Kind == ReasonKind.NoPolicyApplies)
        {
            return new ExplainedReason("", "", "", "", EvaluationTexts.NoPolicyApplies, reason.Action, EvaluationTexts.NoPolicyAppliesRemediation);
        }
        if ((uint)reason.PolicyIndex >= (uint)policies.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason.PolicyIndex, "The reason's policy index is outside the policies given.");
        }
        var policy = policies[reason.PolicyIndex];
        ArgumentNullException.ThrowIfNull(policy);

        var (setting, expected, actual, remediation) = reason.Kind switch
        {
            ReasonKind.MinAppVersion or ReasonKind.MinSdkVersion or ReasonKind.MinOsVersion or ReasonKind.MaxOsVersion =>
                VersionFailed(policy, reason.Kind, reason.ConfiguredAction, input),
            ReasonKind.AppVersionNotReported =>
                VersionNotReported(policy, policy.AppVersionNotReported, EvaluationTexts.AppVersionNotReportedRemediation),
            ReasonKind.SdkVersionNotReported =>
                VersionNotReported(policy, policy.SdkVersionNotReported, EvaluationTexts.SdkVersionNotReportedRemediation),
            ReasonKind.OsVersionNotReported =>
                VersionNotReported(policy, policy.OsVersionNotReported, EvaluationTexts.OsVersionNotReportedRemediation),
            ReasonKind.DisabledAccount =>
                (DisabledAccountSetting, EvaluationTexts.AccountEnabled, EvaluationTexts.AccountDisabled, EvaluationTexts.DisabledAccountRemediation),
            ReasonKind.OfflineBlock =>
                (OfflineBlockSetting, $"online within {Count(policy.OfflineBlockPeriod?.TotalMinutes, "minute")}",
                    $"offline {Count(OfflineCeiling(input).TotalMinutes, "minute")}", EvaluationTexts.OfflineBlockRemediation),
            ReasonKind.OfflineWipe =>
                (OfflineWipeSetting, $"online within {Count(policy.OfflineWipePeriod?.TotalDays, "day")}",
                    $"offline {Count(Math.Ceiling((input.NowUtc - input.LastCheckInUtc).TotalDays), "day")}", EvaluationTexts.OfflineWipeRemediation),
            ReasonKind.ThreatLevelAboveAllowed => ThreatLevelAbove(policy, input),
            ReasonKind.ThreatLevelNotReported =>
                (ThreatLevelSetting, AllowedLevel(policy.MaximumAllowedDeviceThreatLevel), EvaluationTexts.NotReported,
                    EvaluationTexts.ThreatLevelNotReportedRemediation),
            ReasonKind.PartnerDataIgnored =>
                (ThreatLevelSetting, AllowedLevel(policy.MaximumAllowedDeviceThreatLevel), EvaluationTexts.NotEvaluated,
                    PartnerDataIgnored(input.ThreatSource)),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason.Kind, "Unknown reason kind."),
        };
        return new ExplainedReason(policy.Id, policy.DisplayName, setting, expected, actual, reason.Action, remediation);
    }

    /// <summary>"partner data ignored: &lt;why&gt;" for a source whose data evaluation does not use.</summary>
    public static string PartnerDataIgnored(ThreatDataSource source) =>
        EvaluationTexts.PartnerDataIgnoredPrefix + ThreatDataSources.IgnoredBecause(source);

    /// <summary>
    /// A version as people write it: trailing zero parts dropped down to <c>major.minor</c>, so a reported
    /// <c>10.0.19045</c> reads back as <c>10.0.19045</c>, not <c>10.0.19045.0</c>.
    /// </summary>
    public static string FormatVersion(AppVersion version)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (version.Revision != 0)
        {
            return string.Create(invariant, $"{version.Major}.{version.Minor}.{version.Build}.{version.Revision}");
        }
        return version.Build != 0
            ? string.Create(invariant, $"{version.Major}.{version.Minor}.{version.Build}")
            : string.Create(invariant, $"{version.Major}.{version.Minor}");
    }

    /// <summary>The label of a threat level (Secured, Low, Medium, High).</summary>
    public static string ThreatLevelLabel(DeviceThreatLevel level) => level switch
    {
        DeviceThreatLevel.Secured => "Secured",
        DeviceThreatLevel.Low => "Low",
        DeviceThreatLevel.Medium => "Medium",
        DeviceThreatLevel.High => "High",
        _ => "Not configured",
    };

    private static (string Setting, string Expected, string Actual, string Remediation) VersionFailed(
        CompiledPolicy policy, ReasonKind kind, HealthCheckAction action, in EvaluationInput input)
    {
        var row = VersionRows.Find(kind, action)
            ?? throw new ArgumentException($"{kind} has no {action} row.", nameof(action));
        var required = (row.Read(policy.Settings) ?? "").Trim();
        var reported = kind switch
        {
            ReasonKind.MinAppVersion => input.AppVersion,
            ReasonKind.MinSdkVersion => input.SdkVersion,
            _ => input.OsVersion,
        };
        var actual = reported is { } version ? FormatVersion(version) : EvaluationTexts.NotReported;
        var remediation = kind switch
        {
            ReasonKind.MinAppVersion => $"Update {EvaluationTexts.AppName} to version {required} or later",
            ReasonKind.MinSdkVersion =>
                $"Update {EvaluationTexts.AppName} to its latest version: it must include app protection SDK version {required} or later",
            ReasonKind.MinOsVersion => $"Update Windows to version {required} or later",
            _ => $"This Windows version ({actual}) is newer than your organization allows; contact your IT admin",
        };
        return (row.Setting, Bound(row, required), actual, remediation);
    }

    private static (string Setting, string Expected, string Actual, string Remediation) VersionNotReported(
        CompiledPolicy policy, VersionNotReportedRule? rule, string remediation)
    {
        var setting = rule?.Setting ?? throw new ArgumentException($"Policy {policy.Id} has no version row to fail.", nameof(rule));
        var row = VersionRows.Find(setting) ?? throw new ArgumentException($"Unknown version setting {setting}.", nameof(rule));
        return (setting, Bound(row, (row.Read(policy.Settings) ?? "").Trim()), EvaluationTexts.NotReported, remediation);
    }

    private static (string Setting, string Expected, string Actual, string Remediation) ThreatLevelAbove(CompiledPolicy policy, in EvaluationInput input)
    {
        var reported = ThreatLevelLabel(input.ReportedThreatLevel ?? DeviceThreatLevel.NotConfigured);
        var allowed = ThreatLevelLabel(policy.MaximumAllowedDeviceThreatLevel);
        return (ThreatLevelSetting, AllowedLevel(policy.MaximumAllowedDeviceThreatLevel), reported,
            $"Your device's threat level is {reported}; your organization allows up to {allowed}. Open Windows Security and resolve the threats it reports");
    }

    private static string Bound(VersionRowDefinition row, string version) =>
        row.IsMaximum ? $"{version} or earlier" : $"{version} or later";

    // Secured is the lowest level: "Secured or lower" would suggest a level below it.
    private static string AllowedLevel(DeviceThreatLevel level) =>
        level == DeviceThreatLevel.Secured ? ThreatLevelLabel(level) : $"{ThreatLevelLabel(level)} or lower";

    // Rounded up so a period just past the limit never reads as equal to it ("offline 720 minutes" vs "within 720").
    private static TimeSpan OfflineCeiling(in EvaluationInput input) =>
        TimeSpan.FromMinutes(Math.Ceiling((input.NowUtc - input.LastCheckInUtc).TotalMinutes));

    private static string Count(double? value, string unit)
    {
        var number = value ?? 0;
        var text = number.ToString("0.##", CultureInfo.InvariantCulture);
        return number == 1 ? $"{text} {unit}" : $"{text} {unit}s";
    }
}
