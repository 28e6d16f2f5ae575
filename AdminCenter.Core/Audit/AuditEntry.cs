namespace AdminCenter.Core.Audit;

/// <summary>
/// What a service says about its change; <see cref="AuditTrail.Record"/> stamps the time and correlation id.
/// The activity reads "&lt;type&gt; &lt;target type&gt;" (e.g. "Create MobileThreatDefenseConnector") unless
/// <paramref name="Verb"/> names an action (e.g. "Regenerate partner secret").
/// </summary>
public sealed record AuditEntry(
    string Category,
    AuditActivityType ActivityType,
    string InitiatedBy,
    string TargetType,
    string TargetDisplayName,
    string TargetId,
    IReadOnlyList<AuditModifiedProperty> ModifiedProperties,
    string? Verb = null)
{
    public string Activity => $"{Verb ?? ActivityType.ToString()} {TargetType}";
}
