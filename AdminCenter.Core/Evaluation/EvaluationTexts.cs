namespace AdminCenter.Core.Evaluation;

/// <summary>
/// The fixed texts of explained reasons, public so pages, the API and tests use the same words as the engine.
/// Texts that carry values (versions, levels, periods) are built by <see cref="EvaluationExplainer"/>.
/// </summary>
public static class EvaluationTexts
{
    /// <summary>The only app Windows app protection manages (spec 03).</summary>
    public const string AppName = "Microsoft Edge";

    /// <summary>The reason when no policy applies (spec 04), used as its Actual value.</summary>
    public const string NoPolicyApplies = "no app protection policy applies";

    /// <summary>Remediation when no policy applies: nothing for the user to do.</summary>
    public const string NoPolicyAppliesRemediation = "No app protection policy applies to this app: nothing to do";

    /// <summary>Remediation of the Offline grace period's Block access row (spec 04, word for word).</summary>
    public const string OfflineBlockRemediation = "Offline grace period expired: connect to the internet and open the app";

    /// <summary>Remediation of the Offline grace period's Wipe data row.</summary>
    public const string OfflineWipeRemediation =
        "Your work data was removed from this app because it stayed offline too long: connect to the internet, open the app and sign in with your work account";

    /// <summary>Remediation when the connector works but has no report for the device (spec 04, word for word).</summary>
    public const string ThreatLevelNotReportedRemediation =
        "Open Windows Security and sign in with your work account so your device can report its health";

    /// <summary>Remediation of the Disabled account row.</summary>
    public const string DisabledAccountRemediation = "Your work account is disabled; contact your IT admin";

    /// <summary>Remediation when the app did not report a parsable version.</summary>
    public const string AppVersionNotReportedRemediation =
        "Microsoft Edge did not report its version: update Microsoft Edge to the latest version and open it again";

    /// <summary>Remediation when the app did not report a parsable SDK version.</summary>
    public const string SdkVersionNotReportedRemediation =
        "Microsoft Edge did not report its app protection SDK version: update Microsoft Edge to the latest version and open it again";

    /// <summary>Remediation when the device did not report a parsable Windows version.</summary>
    public const string OsVersionNotReportedRemediation =
        "Windows did not report its version: install the latest Windows updates, then open Microsoft Edge again";

    /// <summary>Starts the explanation of a skipped threat-level rule (spec 04: "partner data ignored: &lt;why&gt;").</summary>
    public const string PartnerDataIgnoredPrefix = "partner data ignored: ";

    /// <summary>The Actual value of a version or threat level that was not reported.</summary>
    public const string NotReported = "not reported";

    /// <summary>The Actual value of a threat level rule that was skipped.</summary>
    public const string NotEvaluated = "not evaluated";

    /// <summary>The Expected value of the Disabled account row.</summary>
    public const string AccountEnabled = "account enabled";

    /// <summary>The Actual value of the Disabled account row.</summary>
    public const string AccountDisabled = "account disabled";
}
