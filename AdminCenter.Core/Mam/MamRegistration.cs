using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Core.Mam;

/// <summary>
/// One MAM registration: a user's app on one device (spec 04), created by the first check-in (the MAM enrollment).
/// Holds the device's current health state and the current evaluation outcome, denormalized for the status report.
/// </summary>
public sealed class MamRegistration
{
    private MamRegistration()
    {
    }

    public string Id { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public string UserPrincipalName { get; private set; } = "";

    public string AppId { get; private set; } = "";

    /// <summary>The Microsoft Entra device id the client reports.</summary>
    public string AzureAdDeviceId { get; private set; } = "";

    public string? DeviceName { get; private set; }

    public string? DeviceModel { get; private set; }

    public string? DeviceManufacturer { get; private set; }

    /// <summary>The OS version (Graph <c>platformVersion</c>).</summary>
    public string? PlatformVersion { get; private set; }

    public string? AppVersion { get; private set; }

    public string? SdkVersion { get; private set; }

    public DateTime EnrolledDateTime { get; private set; }

    public DateTime LastCheckInDateTime { get; private set; }

    /// <summary>The current threat level reported for this (user, app, device); null until a partner reports.</summary>
    public DeviceThreatLevel? ThreatLevel { get; private set; }

    public DateTime? ThreatReportedDateTime { get; private set; }

    /// <summary>The connector whose report is the current health state.</summary>
    public string? ThreatConnectorId { get; private set; }

    public EvaluationOutcome Outcome { get; private set; }

    public DateTime OutcomeChangedDateTime { get; private set; }

    /// <summary>Names of the policies that apply, joined with "; ", for the status report's column and filter.</summary>
    public string PolicyNames { get; private set; } = "";

    /// <summary>
    /// Digest of the stored evaluation (<see cref="EvaluationFingerprint"/>): lets re-evaluation skip unchanged rows, and
    /// is the key of the <see cref="EvaluationReasonSet"/> holding the current outcome's reasons.
    /// </summary>
    public long EvaluationFingerprint { get; private set; }

    public static MamRegistration Enroll(string userId, string userPrincipalName, string appId, string azureAdDeviceId, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid().ToString(),
        UserId = userId,
        UserPrincipalName = userPrincipalName,
        AppId = appId,
        AzureAdDeviceId = azureAdDeviceId,
        EnrolledDateTime = nowUtc,
        LastCheckInDateTime = nowUtc,
        OutcomeChangedDateTime = nowUtc,
    };

    public void CheckIn(MamDeviceInfo device, DateTime nowUtc)
    {
        DeviceName = device.DeviceName;
        DeviceModel = device.DeviceModel;
        DeviceManufacturer = device.DeviceManufacturer;
        PlatformVersion = device.PlatformVersion;
        AppVersion = device.AppVersion;
        SdkVersion = device.SdkVersion;
        LastCheckInDateTime = nowUtc;
    }

    /// <summary>
    /// Sets the health state as given, for seeding a new registration. Reports arriving later go through
    /// <see cref="RegistrationStateWriter"/>, which alone decides whether a report is newer than the stored one.
    /// </summary>
    public void SeedHealthState(DeviceThreatLevel level, DateTime reportedUtc, string connectorId)
    {
        ThreatLevel = level;
        ThreatReportedDateTime = reportedUtc;
        ThreatConnectorId = connectorId;
    }

    /// <summary>Forgets the health state a deleted connector reported.</summary>
    public void ClearHealthFrom(string connectorId)
    {
        if (ThreatConnectorId == connectorId)
        {
            ThreatLevel = null;
            ThreatReportedDateTime = null;
            ThreatConnectorId = null;
        }
    }

    /// <summary>Stores a new evaluation; returns whether the outcome changed (history is kept only then).</summary>
    public bool SetEvaluation(EvaluationOutcome outcome, string policyNames, long fingerprint, DateTime nowUtc)
    {
        EvaluationFingerprint = fingerprint;
        var changed = outcome != Outcome;
        if (changed)
        {
            OutcomeChangedDateTime = nowUtc;
        }
        Outcome = outcome;
        PolicyNames = policyNames;
        return changed;
    }
}

/// <summary>What a MAM client reports of its device and app at each check-in.</summary>
public sealed record MamDeviceInfo(
    string? DeviceName,
    string? DeviceModel,
    string? DeviceManufacturer,
    string? PlatformVersion,
    string? AppVersion,
    string? SdkVersion);

/// <summary>A change of a registration's outcome: the per-(user, app, device) compliance history.</summary>
public sealed class RegistrationOutcomeChange(
    string registrationId, string userId, string appId, string azureAdDeviceId,
    EvaluationOutcome? previousOutcome, EvaluationOutcome outcome, DateTime changedDateTime, long reasonSetFingerprint)
{
    public long Id { get; private set; }

    public string RegistrationId { get; private set; } = registrationId;

    public string UserId { get; private set; } = userId;

    public string AppId { get; private set; } = appId;

    public string AzureAdDeviceId { get; private set; } = azureAdDeviceId;

    public EvaluationOutcome? PreviousOutcome { get; private set; } = previousOutcome;

    public EvaluationOutcome Outcome { get; private set; } = outcome;

    public DateTime ChangedDateTime { get; private set; } = changedDateTime;

    /// <summary>The <see cref="EvaluationReasonSet"/> with the reasons of the new outcome.</summary>
    public long ReasonSetFingerprint { get; private set; } = reasonSetFingerprint;
}

/// <summary>
/// The explained reasons of one evaluation, keyed by its <see cref="EvaluationFingerprint"/> and stored once however
/// many registrations and history entries share them: a policy change typically gives thousands of registrations the
/// same reasons, and writing their texts once instead of per row is what keeps re-evaluation of 100,000 fast.
/// </summary>
public sealed class EvaluationReasonSet(long fingerprint, string reasonsJson, string summary)
{
    public long Fingerprint { get; private set; } = fingerprint;

    /// <summary>The reasons (JSON array of explained reasons), for the user page and sign-in decisions.</summary>
    public string ReasonsJson { get; private set; } = reasonsJson;

    /// <summary>The reasons in one line, e.g. "Edge level 2: Max allowed device threat level expected Low or lower, actual High (Block access)".</summary>
    public string Summary { get; private set; } = summary;
}

/// <summary>Every accepted health report, kept as history even when an older one does not replace the current state.</summary>
public sealed class HealthReportRecord(
    string connectorId, string userPrincipalName, string appId, string azureAdDeviceId,
    DeviceThreatLevel threatLevel, DateTime reportedDateTime, DateTime receivedDateTime)
{
    public long Id { get; private set; }

    public string ConnectorId { get; private set; } = connectorId;

    public string UserPrincipalName { get; private set; } = userPrincipalName;

    public string AppId { get; private set; } = appId;

    public string AzureAdDeviceId { get; private set; } = azureAdDeviceId;

    public DeviceThreatLevel ThreatLevel { get; private set; } = threatLevel;

    public DateTime ReportedDateTime { get; private set; } = reportedDateTime;

    public DateTime ReceivedDateTime { get; private set; } = receivedDateTime;
}
