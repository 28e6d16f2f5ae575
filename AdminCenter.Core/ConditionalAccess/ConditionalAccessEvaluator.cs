using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;

namespace AdminCenter.Core.ConditionalAccess;

/// <summary>The Conditional Access policy as evaluation needs it: its state and the groups it targets.</summary>
public sealed record ConditionalAccessPolicySettings(
    ConditionalAccessState State,
    IReadOnlyCollection<string> IncludedGroupIds,
    IReadOnlyCollection<string> ExcludedGroupIds);

/// <summary>The current app protection evaluation of the registration behind a sign-in (user, Edge, device).</summary>
public sealed record RegistrationStatus(EvaluationOutcome Outcome, IReadOnlyList<ExplainedReason> Reasons);

/// <summary>Everything a Conditional Access decision depends on, already loaded (spec 04, Conditional Access).</summary>
/// <param name="Policy">The tenant's policy.</param>
/// <param name="UserGroupIds">The groups the signing-in user belongs to.</param>
/// <param name="ClientAppId">The app the user signs in from.</param>
/// <param name="Resource">What the user wants to reach, named in the remediation text.</param>
/// <param name="AnyAppProtectionPolicyApplies">Whether a Windows app protection policy applies to the user in Edge.</param>
/// <param name="Registration">Edge's registration on the device; null when Edge never checked in there with the work account.</param>
public sealed record ConditionalAccessInput(
    ConditionalAccessPolicySettings Policy,
    IReadOnlySet<string> UserGroupIds,
    string ClientAppId,
    string Resource,
    bool AnyAppProtectionPolicyApplies,
    RegistrationStatus? Registration)
{
    public bool IsEdge => string.Equals(ClientAppId, WindowsPolicyDraft.EdgeAppId, StringComparison.Ordinal);
}

/// <summary>The result of a sign-in's evaluation.</summary>
/// <param name="Granted">Whether access is granted. A Report-only policy never blocks.</param>
/// <param name="ReportOnly">
/// True when the policy is Report-only and would have blocked: access was granted only because the policy is not
/// enforced. <paramref name="Reasons"/> and <paramref name="Remediation"/> then say what the block would have been.
/// </param>
/// <param name="Reasons">Why, worst first.</param>
/// <param name="Remediation">The user's next steps; empty when there is nothing to do.</param>
public sealed record ConditionalAccessDecision(bool Granted, bool ReportOnly, IReadOnlyList<string> Reasons, IReadOnlyList<string> Remediation)
{
    /// <summary>Blocked, or would have been blocked in Report-only.</summary>
    public bool WouldBlock => !Granted || ReportOnly;
}

/// <summary>
/// "Require app protection policy" (spec 04): a pure function of the policy, the user's groups, the client app and the
/// registration's app protection outcome. No I/O, no clock: <see cref="ConditionalAccessService"/> loads the inputs.
/// </summary>
public static class ConditionalAccessEvaluator
{
    public static ConditionalAccessDecision Evaluate(ConditionalAccessInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Policy.State == ConditionalAccessState.Off)
        {
            return Grant([ConditionalAccessTexts.PolicyOff]);
        }
        // Exclusion wins: a user in an excluded group is not targeted even when an included group has them too.
        if (input.Policy.ExcludedGroupIds.Any(input.UserGroupIds.Contains))
        {
            return Grant([ConditionalAccessTexts.UserExcluded]);
        }
        if (!input.Policy.IncludedGroupIds.Any(input.UserGroupIds.Contains))
        {
            return Grant([ConditionalAccessTexts.UserNotIncluded]);
        }

        var decision = EvaluateTargeted(input);
        return input.Policy.State == ConditionalAccessState.ReportOnly && !decision.Granted
            ? decision with { Granted = true, ReportOnly = true }
            : decision;
    }

    private static ConditionalAccessDecision EvaluateTargeted(ConditionalAccessInput input)
    {
        var useEdge = ConditionalAccessTexts.UseEdgeRemediation(input.Resource);
        if (!input.IsEdge)
        {
            return Block([ConditionalAccessTexts.UnmanagedApp(input.ClientAppId)], [useEdge]);
        }
        if (!input.AnyAppProtectionPolicyApplies)
        {
            return Block([ConditionalAccessTexts.NoPolicyApplies], [useEdge]);
        }
        if (input.Registration is not { } registration)
        {
            return Block([ConditionalAccessTexts.NotRegistered], [useEdge]);
        }

        var lines = registration.Reasons.Select(ConditionalAccessTexts.Describe);
        var steps = registration.Reasons.Where(r => r.Action != EvaluationOutcome.Allow).Select(r => r.Remediation)
            .Where(r => r.Length > 0).Distinct(StringComparer.Ordinal);
        return registration.Outcome switch
        {
            EvaluationOutcome.Allow => Grant([ConditionalAccessTexts.OutcomeAllowed, .. lines]),
            // Warn lets the user continue; the steps are passed on for the dismissible message.
            EvaluationOutcome.Warn => Grant([ConditionalAccessTexts.OutcomeWarned, .. lines], [.. steps]),
            EvaluationOutcome.Block => Block([ConditionalAccessTexts.OutcomeBlocked, .. lines], [.. steps]),
            _ => Block([ConditionalAccessTexts.OutcomeWipePending, .. lines], [.. steps, ConditionalAccessTexts.WipePendingRemediation]),
        };
    }

    private static ConditionalAccessDecision Grant(IReadOnlyList<string> reasons, IReadOnlyList<string>? remediation = null) =>
        new(Granted: true, ReportOnly: false, reasons, remediation ?? []);

    private static ConditionalAccessDecision Block(IReadOnlyList<string> reasons, IReadOnlyList<string> remediation) =>
        new(Granted: false, ReportOnly: false, reasons, remediation);
}

/// <summary>The words of Conditional Access decisions, shared by the evaluator, the pages and the tests.</summary>
public static class ConditionalAccessTexts
{
    public const string PolicyOff = "The Conditional Access policy is off";

    public const string UserNotIncluded = "The user is not in a group the policy includes";

    public const string UserExcluded = "The user is in a group the policy excludes";

    public const string NoPolicyApplies = "No app protection policy applies to the user in Microsoft Edge, so the app is not policy-managed";

    public const string NotRegistered = "Microsoft Edge on this device has not checked in with the work account, so the app is not policy-managed";

    public const string OutcomeAllowed = "App protection allows access on this device";

    public const string OutcomeWarned = "App protection warns on this device; the user may continue";

    public const string OutcomeBlocked = "App protection blocks access on this device";

    public const string OutcomeWipePending = "App protection wipes org data on this device; the wipe is pending";

    public const string WipePendingRemediation =
        "Your work data is being removed from Microsoft Edge on this device: open Microsoft Edge so the wipe completes, then sign in again with your work profile";

    /// <summary>The spec's remediation for an unmanaged client app, word for word.</summary>
    public static string UseEdgeRemediation(string resource) => $"Use Microsoft Edge and sign in with your work profile to access {resource}";

    public static string UnmanagedApp(string clientAppId) =>
        $"The client app '{clientAppId}' is not a policy-managed app: on Windows only Microsoft Edge is managed by app protection";

    /// <summary>One app protection reason in a line, e.g. "Edge level 2: Min OS version expected 10.0.22621 or later, actual 10.0.19045 (Block access)".</summary>
    public static string Describe(ExplainedReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (string.IsNullOrEmpty(reason.Setting))
        {
            return reason.Actual.Length > 0 ? reason.Actual : reason.Remediation;
        }
        var line = $"{reason.PolicyName}: {AppProtectionStatusLabels.Setting(reason.Setting)} expected {reason.Expected}, actual {reason.Actual}";
        return reason.Action == EvaluationOutcome.Allow ? line : $"{line} ({AppProtectionStatusLabels.ReasonAction(reason.Action)})";
    }
}
