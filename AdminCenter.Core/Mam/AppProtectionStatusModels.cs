using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Core.Mam;

/// <summary>A registration's current threat level as the status report shows and filters it: no report is a level of its own.</summary>
public enum ReportedThreatLevel
{
    NotReported,
    Secured,
    Low,
    Medium,
    High,
}

/// <summary>The status report's sortable columns.</summary>
public enum AppProtectionStatusSort
{
    LastSync,
    User,
    Email,
    App,
    DeviceName,
    ThreatLevel,
    Outcome,
}

/// <summary>
/// What Apps &gt; Monitor &gt; App protection status shows: text to search (user display name, user principal name, device
/// name), the outcomes and threat levels to keep (empty keeps all), a policy the registration must be under, and the order.
/// </summary>
public sealed record AppProtectionStatusFilter
{
    public string? Search { get; init; }

    public IReadOnlyCollection<EvaluationOutcome> Outcomes { get; init; } = [];

    public IReadOnlyCollection<ReportedThreatLevel> ThreatLevels { get; init; } = [];

    /// <summary>The name of a policy that must be among the registration's policy names.</summary>
    public string? Policy { get; init; }

    public AppProtectionStatusSort Sort { get; init; } = AppProtectionStatusSort.LastSync;

    public bool Descending { get; init; } = true;
}

/// <summary>One row of the status report: a registration with its user.</summary>
public sealed record AppProtectionStatusRow(
    string RegistrationId,
    string UserId,
    string UserDisplayName,
    string UserPrincipalName,
    string AppId,
    string? AppVersion,
    string? DeviceName,
    string? DeviceManufacturer,
    string? DeviceModel,
    string AzureAdDeviceId,
    string? PlatformVersion,
    string PolicyNames,
    DeviceThreatLevel? StoredThreatLevel,
    EvaluationOutcome Outcome,
    DateTime LastSyncDateTime,
    string? SdkVersion = null)
{
    /// <summary>Every registration AdminCenter knows is a Windows app (spec 07, Report parity).</summary>
    public const string Platform = "Windows";

    /// <summary>MAM without enrollment, in Intune's report words.</summary>
    public const string ManagementType = "Unmanaged";

    public string AppName => AppProtectionStatusLabels.App(AppId);

    public string DeviceType => AppProtectionStatusLabels.DeviceType(DeviceManufacturer, DeviceModel);

    public ReportedThreatLevel ThreatLevel => AppProtectionStatusLabels.ToReported(StoredThreatLevel);
}

/// <summary>Counts for the Home page's tiles: registrations by outcome, and devices by their worst reported threat level.</summary>
public sealed record StatusTiles(
    IReadOnlyDictionary<EvaluationOutcome, int> RegistrationsByOutcome,
    IReadOnlyDictionary<ReportedThreatLevel, int> DevicesByThreatLevel)
{
    public int RegistrationCount => RegistrationsByOutcome.Values.Sum();

    public int DeviceCount => DevicesByThreatLevel.Values.Sum();
}

/// <summary>A user's app protection as their page shows it: registrations with health and outcome, and the outcome history.</summary>
public sealed record UserProtectionView(
    string UserId,
    string DisplayName,
    string UserPrincipalName,
    IReadOnlyList<RegistrationDetails> Registrations,
    IReadOnlyList<OutcomeHistoryEntry> History,
    int HistoryTotal);

/// <summary>One registration of a user, with its current health state and outcome and the outcome's reasons.</summary>
public sealed record RegistrationDetails(
    string Id,
    string AppId,
    string? AppVersion,
    string? SdkVersion,
    string? DeviceName,
    string? DeviceManufacturer,
    string? DeviceModel,
    string AzureAdDeviceId,
    string? PlatformVersion,
    DateTime EnrolledDateTime,
    DateTime LastSyncDateTime,
    DeviceThreatLevel? StoredThreatLevel,
    DateTime? ThreatReportedDateTime,
    string? ThreatConnectorId,
    EvaluationOutcome Outcome,
    DateTime OutcomeChangedDateTime,
    string PolicyNames,
    IReadOnlyList<OutcomeReason> Reasons)
{
    public string AppName => AppProtectionStatusLabels.App(AppId);

    public string DeviceType => AppProtectionStatusLabels.DeviceType(DeviceManufacturer, DeviceModel);

    public ReportedThreatLevel ThreatLevel => AppProtectionStatusLabels.ToReported(StoredThreatLevel);

    /// <summary>The partner that reported the current threat level, by name; null when nothing is reported.</summary>
    public string? ThreatConnectorName => AppProtectionStatusLabels.Connector(ThreatConnectorId);
}

/// <summary>One reason of an outcome, as the evaluation stored it: which policy and setting, expected vs actual, what it does.</summary>
public sealed record OutcomeReason(
    string? PolicyId,
    string? PolicyName,
    string? Setting,
    string? Expected,
    string? Actual,
    EvaluationOutcome Action,
    string? Remediation);

/// <summary>A change of one registration's outcome.</summary>
public sealed record OutcomeHistoryEntry(
    DateTime ChangedDateTime,
    string AppId,
    string AzureAdDeviceId,
    string? DeviceName,
    EvaluationOutcome? PreviousOutcome,
    EvaluationOutcome Outcome,
    string ReasonsSummary)
{
    public string AppName => AppProtectionStatusLabels.App(AppId);
}
