using AdminCenter.Core.AppProtection;

namespace AdminCenter.Core.Evaluation;

/// <summary>
/// Everything about one registration that evaluation needs, pre-parsed: versions are parsed at check-in, never during
/// evaluation, so <see cref="EvaluationEngine.Evaluate"/> only compares.
/// </summary>
/// <param name="UserAccountEnabled">False when the user's account is disabled.</param>
/// <param name="OsVersion">The Windows version; null when not reported or unparsable.</param>
/// <param name="AppVersion">The app's version; null when not reported or unparsable.</param>
/// <param name="SdkVersion">The app protection SDK's version; null when not reported or unparsable.</param>
/// <param name="LastCheckInUtc">The registration's last check-in.</param>
/// <param name="ThreatSource">The state of the connector that has Windows app protection evaluation on.</param>
/// <param name="ReportedThreatLevel">The current threat level from that connector for (user, app, device); null when none yet.</param>
/// <param name="NowUtc">The moment of evaluation (passed in: the engine reads no clock).</param>
public readonly record struct EvaluationInput(
    bool UserAccountEnabled,
    AppVersion? OsVersion,
    AppVersion? AppVersion,
    AppVersion? SdkVersion,
    DateTime LastCheckInUtc,
    ThreatDataSource ThreatSource,
    DeviceThreatLevel? ReportedThreatLevel,
    DateTime NowUtc);
