namespace AdminCenter.Core.Evaluation;

/// <summary>What a registration may do with org data, from mildest to worst: the worst failed check wins (spec 04).</summary>
public enum EvaluationOutcome
{
    Allow,
    Warn,
    Block,
    Wipe,
}
