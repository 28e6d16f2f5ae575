using AdminCenter.Core.Evaluation;

namespace AdminCenter.Core.Mam;

/// <summary>
/// A 64-bit digest of everything a registration's stored evaluation shows: the outcome, each reason with its policy,
/// and the values its texts quote. Equal digests mean the stored reasons are still right, so re-evaluation can skip
/// explaining and writing the (usually many) registrations a change did not affect. Computed without allocating.
/// </summary>
public static class EvaluationFingerprint
{
    /// <summary>A policy's identity for the digest: its id, name and every setting, so any edit changes it.</summary>
    public static int Of(CompiledPolicy policy) => HashCode.Combine(policy.Id, policy.DisplayName, policy.Settings);

    public static long Compute(
        EvaluationOutcome outcome,
        ReadOnlySpan<EvaluationReason> reasons,
        ReadOnlySpan<CompiledPolicy> policies,
        ReadOnlySpan<int> policyFingerprints,
        in EvaluationInput input)
    {
        var high = new HashCode();
        var low = new HashCode();
        high.Add(outcome);
        low.Add(policies.Length);
        for (var i = 0; i < policies.Length; i++)
        {
            high.Add(policyFingerprints[i]);
            low.Add(policyFingerprints[i] * 31);
        }
        for (var i = 0; i < reasons.Length; i++)
        {
            var reason = reasons[i];
            high.Add(reason.Kind);
            high.Add(reason.PolicyIndex);
            low.Add(reason.Action);
            low.Add(reason.ConfiguredAction);
            // The values the reason's text quotes ("actual 10.0.19045", "actual High", "offline 900 minutes").
            switch (reason.Kind)
            {
                case ReasonKind.MinAppVersion:
                    low.Add(input.AppVersion);
                    break;
                case ReasonKind.MinSdkVersion:
                    low.Add(input.SdkVersion);
                    break;
                case ReasonKind.MinOsVersion or ReasonKind.MaxOsVersion:
                    low.Add(input.OsVersion);
                    break;
                case ReasonKind.ThreatLevelAboveAllowed:
                    low.Add(input.ReportedThreatLevel);
                    break;
                case ReasonKind.OfflineBlock:
                    low.Add((long)Math.Ceiling((input.NowUtc - input.LastCheckInUtc).TotalMinutes));
                    break;
                case ReasonKind.OfflineWipe:
                    low.Add((long)Math.Ceiling((input.NowUtc - input.LastCheckInUtc).TotalDays));
                    break;
                case ReasonKind.PartnerDataIgnored:
                    low.Add(input.ThreatSource);
                    break;
            }
        }
        return ((long)high.ToHashCode() << 32) | (uint)low.ToHashCode();
    }
}
