using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AdminCenter.Core.AppProtection;

namespace AdminCenter.Core.Evaluation;

/// <summary>
/// The evaluation of spec 04 as a pure function: compiled policies and a pre-parsed registration in, the worst
/// outcome and every reason out. No clock, database or logger inside, and the span overload allocates nothing, as it
/// runs for every check-in, health report and re-evaluation after a policy or connector change.
/// </summary>
public static class EvaluationEngine
{
    /// <summary>
    /// The most reasons one policy can yield: 2 offline, 3 app, 2 SDK, 3 min OS, 3 max OS, 1 disabled account and
    /// 1 threat level make 15; one spare.
    /// </summary>
    public const int MaxReasonsPerPolicy = 16;

    /// <summary>The span length <see cref="Evaluate"/> needs for <paramref name="policyCount"/> policies.</summary>
    public static int ReasonCapacity(int policyCount) => (policyCount * MaxReasonsPerPolicy) + 1;

    /// <summary>
    /// Evaluates <paramref name="input"/> against <paramref name="policies"/> without allocating. Writes every reason,
    /// worst first (Wipe, Block, Warn, then informational; ties in policy and Health checks table order), into
    /// <paramref name="reasons"/>, which must hold <see cref="ReasonCapacity"/> entries, and returns the worst action.
    /// With no policy the outcome is Allow with one <see cref="ReasonKind.NoPolicyApplies"/> reason.
    /// </summary>
    public static EvaluationOutcome Evaluate(
        ReadOnlySpan<CompiledPolicy> policies,
        in EvaluationInput input,
        Span<EvaluationReason> reasons,
        out int reasonCount)
    {
        if (reasons.Length < ReasonCapacity(policies.Length))
        {
            ThrowReasonsTooSmall(policies.Length, reasons.Length, nameof(reasons));
        }
        if (policies.IsEmpty)
        {
            reasons[0] = new EvaluationReason(ReasonKind.NoPolicyApplies, -1, EvaluationOutcome.Allow, default);
            reasonCount = 1;
            return EvaluationOutcome.Allow;
        }

        var count = 0;
        var offline = input.NowUtc - input.LastCheckInUtc;
        for (var i = 0; i < policies.Length; i++)
        {
            var policy = policies[i];
            if (policy is null)
            {
                ThrowNullPolicy(i, nameof(policies));
            }

            // Table order: Offline grace period, Min app, Min SDK, Disabled account, Min OS, Max OS, threat level.
            // Exactly at the limit is still within the grace period.
            if (policy.OfflineBlockPeriod is { } blockAfter && offline > blockAfter)
            {
                reasons[count++] = new EvaluationReason(ReasonKind.OfflineBlock, i, EvaluationOutcome.Block, HealthCheckAction.Block);
            }
            if (policy.OfflineWipePeriod is { } wipeAfter && offline > wipeAfter)
            {
                reasons[count++] = new EvaluationReason(ReasonKind.OfflineWipe, i, EvaluationOutcome.Wipe, HealthCheckAction.Wipe);
            }

            if (input.AppVersion is { } app)
            {
                Below(app, policy.MinimumWarningAppVersion, ReasonKind.MinAppVersion, HealthCheckAction.Warn, i, reasons, ref count);
                Below(app, policy.MinimumRequiredAppVersion, ReasonKind.MinAppVersion, HealthCheckAction.Block, i, reasons, ref count);
                Below(app, policy.MinimumWipeAppVersion, ReasonKind.MinAppVersion, HealthCheckAction.Wipe, i, reasons, ref count);
            }
            else
            {
                NotReported(policy.AppVersionNotReported, ReasonKind.AppVersionNotReported, i, reasons, ref count);
            }

            if (input.SdkVersion is { } sdk)
            {
                Below(sdk, policy.MinimumRequiredSdkVersion, ReasonKind.MinSdkVersion, HealthCheckAction.Block, i, reasons, ref count);
                Below(sdk, policy.MinimumWipeSdkVersion, ReasonKind.MinSdkVersion, HealthCheckAction.Wipe, i, reasons, ref count);
            }
            else
            {
                NotReported(policy.SdkVersionNotReported, ReasonKind.SdkVersionNotReported, i, reasons, ref count);
            }

            if (!input.UserAccountEnabled && policy.DisabledAccountAction is { } disabledAction)
            {
                reasons[count++] = new EvaluationReason(ReasonKind.DisabledAccount, i, ToOutcome(disabledAction), disabledAction);
            }

            if (input.OsVersion is { } os)
            {
                Below(os, policy.MinimumWarningOsVersion, ReasonKind.MinOsVersion, HealthCheckAction.Warn, i, reasons, ref count);
                Below(os, policy.MinimumRequiredOsVersion, ReasonKind.MinOsVersion, HealthCheckAction.Block, i, reasons, ref count);
                Below(os, policy.MinimumWipeOsVersion, ReasonKind.MinOsVersion, HealthCheckAction.Wipe, i, reasons, ref count);
                Above(os, policy.MaximumWarningOsVersion, HealthCheckAction.Warn, i, reasons, ref count);
                Above(os, policy.MaximumRequiredOsVersion, HealthCheckAction.Block, i, reasons, ref count);
                Above(os, policy.MaximumWipeOsVersion, HealthCheckAction.Wipe, i, reasons, ref count);
            }
            else
            {
                NotReported(policy.OsVersionNotReported, ReasonKind.OsVersionNotReported, i, reasons, ref count);
            }

            if (policy.MaximumAllowedDeviceThreatLevel != DeviceThreatLevel.NotConfigured)
            {
                var configured = policy.ThreatLevelAction;
                if (input.ThreatSource != ThreatDataSource.Working)
                {
                    reasons[count++] = new EvaluationReason(ReasonKind.PartnerDataIgnored, i, EvaluationOutcome.Allow, configured);
                }
                else if (input.ReportedThreatLevel is not { } level || level == DeviceThreatLevel.NotConfigured)
                {
                    // No report is not proof of a threat: block until the device reports, but never wipe on missing data.
                    reasons[count++] = new EvaluationReason(ReasonKind.ThreatLevelNotReported, i, EvaluationOutcome.Block, configured);
                }
                else if (level > policy.MaximumAllowedDeviceThreatLevel)
                {
                    reasons[count++] = new EvaluationReason(ReasonKind.ThreatLevelAboveAllowed, i, ToOutcome(configured), configured);
                }
            }
        }

        SortWorstFirst(reasons[..count]);
        reasonCount = count;
        return count == 0 ? EvaluationOutcome.Allow : reasons[0].Action;
    }

    /// <summary>
    /// Evaluates and explains every reason (allocates): the shape the check-in response and the stored state use.
    /// </summary>
    public static EvaluationResult EvaluateAndExplain(IReadOnlyList<CompiledPolicy> policies, in EvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var compiled = new CompiledPolicy[policies.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = policies[i];
        }
        var reasons = new EvaluationReason[ReasonCapacity(compiled.Length)];
        var outcome = Evaluate(compiled, input, reasons, out var count);
        var explained = new ExplainedReason[count];
        for (var i = 0; i < count; i++)
        {
            explained[i] = EvaluationExplainer.Explain(reasons[i], compiled, input);
        }
        return new EvaluationResult(outcome, Array.AsReadOnly(explained));
    }

    /// <summary>The outcome a row's action produces when its check fails.</summary>
    public static EvaluationOutcome ToOutcome(HealthCheckAction action) => action switch
    {
        HealthCheckAction.Warn => EvaluationOutcome.Warn,
        HealthCheckAction.Block => EvaluationOutcome.Block,
        _ => EvaluationOutcome.Wipe,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Below(AppVersion actual, AppVersion? minimum, ReasonKind kind, HealthCheckAction action, int policyIndex, Span<EvaluationReason> reasons, ref int count)
    {
        if (minimum is { } threshold && actual.CompareTo(threshold) < 0)
        {
            reasons[count++] = new EvaluationReason(kind, policyIndex, ToOutcome(action), action);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Above(AppVersion actual, AppVersion? maximum, HealthCheckAction action, int policyIndex, Span<EvaluationReason> reasons, ref int count)
    {
        if (maximum is { } threshold && actual.CompareTo(threshold) > 0)
        {
            reasons[count++] = new EvaluationReason(ReasonKind.MaxOsVersion, policyIndex, ToOutcome(action), action);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NotReported(VersionNotReportedRule? rule, ReasonKind kind, int policyIndex, Span<EvaluationReason> reasons, ref int count)
    {
        if (rule is { } failing)
        {
            reasons[count++] = new EvaluationReason(kind, policyIndex, failing.Action, failing.ConfiguredAction);
        }
    }

    // Insertion sort: a handful of reasons, in place, and stable, so equal actions keep policy and table order.
    private static void SortWorstFirst(Span<EvaluationReason> reasons)
    {
        for (var i = 1; i < reasons.Length; i++)
        {
            var item = reasons[i];
            var j = i - 1;
            while (j >= 0 && reasons[j].Action < item.Action)
            {
                reasons[j + 1] = reasons[j];
                j--;
            }
            reasons[j + 1] = item;
        }
    }

    // Throwing from separate methods keeps the string formatting out of Evaluate's hot body.
    [DoesNotReturn]
    private static void ThrowReasonsTooSmall(int policyCount, int length, string paramName) =>
        throw new ArgumentException(
            $"The reasons span holds {length} entries; {policyCount} policies need {ReasonCapacity(policyCount)} (EvaluationEngine.ReasonCapacity).",
            paramName);

    [DoesNotReturn]
    private static void ThrowNullPolicy(int index, string paramName) =>
        throw new ArgumentException($"Policy {index} is null.", paramName);
}
