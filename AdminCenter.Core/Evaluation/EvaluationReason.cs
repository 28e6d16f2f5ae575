using AdminCenter.Core.AppProtection;

namespace AdminCenter.Core.Evaluation;

/// <summary>What an evaluation reason is about: one failed check, or an informational note.</summary>
public enum ReasonKind
{
    /// <summary>Informational: no app protection policy applies (the only reason then).</summary>
    NoPolicyApplies,

    /// <summary>The app's version is below a Min app version row.</summary>
    MinAppVersion,

    /// <summary>The SDK's version is below a Min SDK version row.</summary>
    MinSdkVersion,

    /// <summary>The Windows version is below a Min OS version row.</summary>
    MinOsVersion,

    /// <summary>The Windows version is above a Max OS version row.</summary>
    MaxOsVersion,

    /// <summary>The app's version is missing or unparsable while Min app version is configured.</summary>
    AppVersionNotReported,

    /// <summary>The SDK's version is missing or unparsable while Min SDK version is configured.</summary>
    SdkVersionNotReported,

    /// <summary>The Windows version is missing or unparsable while Min or Max OS version is configured.</summary>
    OsVersionNotReported,

    /// <summary>The user's account is disabled and the policy has a Disabled account row.</summary>
    DisabledAccount,

    /// <summary>Offline longer than the Offline grace period's Block access row.</summary>
    OfflineBlock,

    /// <summary>Offline longer than the Offline grace period's Wipe data row.</summary>
    OfflineWipe,

    /// <summary>The reported threat level is above the Max allowed device threat level.</summary>
    ThreatLevelAboveAllowed,

    /// <summary>The connector works but has reported nothing for this (user, app, device) yet.</summary>
    ThreatLevelNotReported,

    /// <summary>Informational: the threat level rule was skipped because the partner's data cannot be trusted.</summary>
    PartnerDataIgnored,
}

/// <summary>
/// A compact reason, small enough to be written into a caller's span without allocating.
/// </summary>
/// <param name="Kind">What the reason is about.</param>
/// <param name="PolicyIndex">Index of the policy in the span given to <see cref="EvaluationEngine.Evaluate"/>; -1 for <see cref="ReasonKind.NoPolicyApplies"/>.</param>
/// <param name="Action">What the reason does to the outcome; <see cref="EvaluationOutcome.Allow"/> for informational reasons.</param>
/// <param name="ConfiguredAction">
/// The action of the policy row that produced the reason. It can differ from <paramref name="Action"/>: a version
/// not reported fails a Wipe row as Block. Meaningless (default) for <see cref="ReasonKind.NoPolicyApplies"/>.
/// </param>
public readonly record struct EvaluationReason(ReasonKind Kind, int PolicyIndex, EvaluationOutcome Action, HealthCheckAction ConfiguredAction);
