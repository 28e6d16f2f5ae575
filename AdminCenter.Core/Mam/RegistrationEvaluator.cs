using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Filters;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Evaluates registrations one after another with reusable buffers: the evaluation and its fingerprint allocate
/// nothing; explaining (texts, JSON) happens only when asked, i.e. when the fingerprint says something changed.
/// Not thread-safe: one per operation.
/// </summary>
public sealed class RegistrationEvaluator(TenantEvaluationContext context)
{
    private readonly CompiledPolicy[] _applicable = new CompiledPolicy[context.Policies.Count];
    private readonly int[] _fingerprints = new int[context.Policies.Count];
    private readonly EvaluationReason[] _reasons = new EvaluationReason[EvaluationEngine.ReasonCapacity(context.Policies.Count)];
    private readonly int[] _filteredOut = new int[context.Policies.Count];
    private int _filteredOutCount;
    private FilterFacts? _filterFacts;
    private IReadOnlySet<string> _groupIds = new HashSet<string>();
    private int _applicableCount;
    private int _reasonCount;
    private EvaluationInput _input;

    public TenantEvaluationContext Context => context;

    public EvaluationOutcome Outcome { get; private set; }

    public long Fingerprint { get; private set; }

    /// <summary>Evaluates one registration; read <see cref="Outcome"/> and <see cref="Fingerprint"/>, then <see cref="Explain"/> if needed.</summary>
    public void Evaluate(string appId, IReadOnlySet<string> userGroupIds, RegistrationFacts facts, DateTime nowUtc)
    {
        // Filter facts are built only when some assignment has a filter, so unfiltered tenants allocate nothing here.
        _filterFacts = context.UsesFilters ? facts.ToFilterFacts() : null;
        _groupIds = userGroupIds;
        _applicableCount = context.SelectApplicable(appId, userGroupIds, _filterFacts, _applicable, _fingerprints, _filteredOut, out _filteredOutCount);
        _input = context.InputFor(facts, nowUtc);
        var policies = new ReadOnlySpan<CompiledPolicy>(_applicable, 0, _applicableCount);
        Outcome = EvaluationEngine.Evaluate(policies, _input, _reasons, out _reasonCount);
        Fingerprint = EvaluationFingerprint.Compute(Outcome, _reasons.AsSpan(0, _reasonCount), policies, _fingerprints.AsSpan(0, _applicableCount), _input);
        if (_filteredOutCount > 0)
        {
            // The filter reasons quote the device's properties: a policy kept out, or a property it quotes, changes the digest.
            var hash = new HashCode();
            for (var i = 0; i < _filteredOutCount; i++)
            {
                hash.Add(context.PolicyFingerprint(_filteredOut[i]));
            }
            hash.Add(facts.DeviceManufacturer);
            hash.Add(facts.DeviceModel);
            hash.Add(facts.AppVersion);
            hash.Add(facts.PlatformVersion);
            Fingerprint ^= ((long)hash.ToHashCode() << 32) | 0x5f17e7;
        }
    }

    /// <summary>The last evaluation's reasons as stored and shown, and the names of the policies that applied.</summary>
    public ExplainedEvaluation Explain()
    {
        var policies = new ReadOnlySpan<CompiledPolicy>(_applicable, 0, _applicableCount);
        var explained = new ExplainedReason[_reasonCount + _filteredOutCount];
        for (var i = 0; i < _reasonCount; i++)
        {
            explained[i] = EvaluationExplainer.Explain(_reasons[i], policies, _input);
        }
        for (var i = 0; i < _filteredOutCount; i++)
        {
            explained[_reasonCount + i] = ExplainFilteredOut(context.Policies[_filteredOut[i]]);
        }
        return new ExplainedEvaluation(Outcome, explained, ReasonFormat.ToJson(explained), ReasonFormat.PolicyNames(policies), Fingerprint);
    }

    // The first included group of the user whose filter kept the policy out names the filter.
    private ExplainedReason ExplainFilteredOut(PolicyForEvaluation policy)
    {
        var facts = _filterFacts!;
        foreach (var assignment in policy.Assignments)
        {
            if (!assignment.IsExclusion && assignment.FilterId is { } filterId && _groupIds.Contains(assignment.GroupId)
                && context.Filters.TryGetValue(filterId, out var filter))
            {
                return FilterReasons.Explain(policy.Compiled, filter, assignment.FilterMode, facts);
            }
        }
        return new ExplainedReason(policy.Compiled.Id, policy.Compiled.DisplayName, FilterReasons.Setting, "", "", EvaluationOutcome.Allow,
            "The assignment's filter no longer exists, so this policy does not apply.");
    }

    /// <summary>The policies the last evaluation applied, for the check-in answer.</summary>
    public CompiledPolicy[] ApplicablePolicies() => _applicable.AsSpan(0, _applicableCount).ToArray();
}

/// <summary>An evaluation with its texts: what is stored on the registration and answered to the client.</summary>
public sealed record ExplainedEvaluation(EvaluationOutcome Outcome, ExplainedReason[] Reasons, string ReasonsJson, string PolicyNames, long Fingerprint)
{
    public string Summary => ReasonFormat.Summary(Reasons);
}
