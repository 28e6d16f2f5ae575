using AdminCenter.Core.Evaluation;

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
    private int _applicableCount;
    private int _reasonCount;
    private EvaluationInput _input;

    public TenantEvaluationContext Context => context;

    public EvaluationOutcome Outcome { get; private set; }

    public long Fingerprint { get; private set; }

    /// <summary>Evaluates one registration; read <see cref="Outcome"/> and <see cref="Fingerprint"/>, then <see cref="Explain"/> if needed.</summary>
    public void Evaluate(string appId, IReadOnlySet<string> userGroupIds, RegistrationFacts facts, DateTime nowUtc)
    {
        _applicableCount = context.SelectApplicable(appId, userGroupIds, _applicable, _fingerprints);
        _input = context.InputFor(facts, nowUtc);
        var policies = new ReadOnlySpan<CompiledPolicy>(_applicable, 0, _applicableCount);
        Outcome = EvaluationEngine.Evaluate(policies, _input, _reasons, out _reasonCount);
        Fingerprint = EvaluationFingerprint.Compute(Outcome, _reasons.AsSpan(0, _reasonCount), policies, _fingerprints.AsSpan(0, _applicableCount), _input);
    }

    /// <summary>The last evaluation's reasons as stored and shown, and the names of the policies that applied.</summary>
    public ExplainedEvaluation Explain()
    {
        var policies = new ReadOnlySpan<CompiledPolicy>(_applicable, 0, _applicableCount);
        var explained = new ExplainedReason[_reasonCount];
        for (var i = 0; i < _reasonCount; i++)
        {
            explained[i] = EvaluationExplainer.Explain(_reasons[i], policies, _input);
        }
        return new ExplainedEvaluation(Outcome, explained, ReasonFormat.ToJson(explained), ReasonFormat.PolicyNames(policies), Fingerprint);
    }

    /// <summary>The policies the last evaluation applied, for the check-in answer.</summary>
    public CompiledPolicy[] ApplicablePolicies() => _applicable.AsSpan(0, _applicableCount).ToArray();
}

/// <summary>An evaluation with its texts: what is stored on the registration and answered to the client.</summary>
public sealed record ExplainedEvaluation(EvaluationOutcome Outcome, ExplainedReason[] Reasons, string ReasonsJson, string PolicyNames, long Fingerprint)
{
    public string Summary => ReasonFormat.Summary(Reasons);
}
