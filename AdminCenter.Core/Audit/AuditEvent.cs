using System.Text.Json;

namespace AdminCenter.Core.Audit;

/// <summary>What kind of change an audit event records (spec 06: Activity type).</summary>
public enum AuditActivityType
{
    Create,
    Update,
    Delete,
    Action,
}

public enum AuditResult
{
    Success,
    Failure,
}

/// <summary>One changed property of an audit event's target; secrets are written as <see cref="AuditTrail.SecretChanged"/>.</summary>
public sealed record AuditModifiedProperty(string Name, string? OldValue, string? NewValue);

/// <summary>
/// One change by anyone (an admin, an API token, a partner, the system), written in the same transaction as the change
/// (spec 06). Immutable once written; only the retention job removes it.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
    }

    public string Id { get; private set; } = "";

    /// <summary>When the change was made (UTC).</summary>
    public DateTime ActivityDateTime { get; private set; }

    /// <summary>e.g. "Create MobileThreatDefenseConnector".</summary>
    public string Activity { get; private set; } = "";

    public AuditActivityType ActivityType { get; private set; }

    /// <summary>One of <see cref="AuditCategories"/>.</summary>
    public string Category { get; private set; } = "";

    /// <summary>An admin's email, "API token: &lt;name&gt;", a partner's name or "System".</summary>
    public string InitiatedBy { get; private set; } = "";

    public string TargetType { get; private set; } = "";

    public string TargetDisplayName { get; private set; } = "";

    public string TargetId { get; private set; } = "";

    public AuditResult Result { get; private set; }

    public string CorrelationId { get; private set; } = "";

    /// <summary>The modified properties as JSON; read them through <see cref="ModifiedProperties"/>.</summary>
    public string ModifiedPropertiesJson { get; private set; } = "[]";

    public IReadOnlyList<AuditModifiedProperty> ModifiedProperties =>
        JsonSerializer.Deserialize<List<AuditModifiedProperty>>(ModifiedPropertiesJson) ?? [];

    internal static AuditEvent Create(AuditEntry entry, DateTime nowUtc, string correlationId) => new()
    {
        Id = Guid.NewGuid().ToString(),
        ActivityDateTime = nowUtc,
        Activity = entry.Activity,
        ActivityType = entry.ActivityType,
        Category = entry.Category,
        InitiatedBy = entry.InitiatedBy,
        TargetType = entry.TargetType,
        TargetDisplayName = entry.TargetDisplayName,
        TargetId = entry.TargetId,
        Result = AuditResult.Success,
        CorrelationId = correlationId,
        ModifiedPropertiesJson = JsonSerializer.Serialize(entry.ModifiedProperties),
    };
}

/// <summary>The categories of spec 06, as shown.</summary>
public static class AuditCategories
{
    public const string MobileThreatDefense = "Mobile Threat Defense";
    public const string ManagedApps = "Managed apps";
    public const string Filters = "Filters";
    public const string Organization = "Organization";
    public const string Roles = "Roles";
    public const string ApiTokens = "API tokens";

    public static IReadOnlyList<string> All { get; } = [MobileThreatDefense, ManagedApps, Filters, Organization, Roles, ApiTokens];
}

/// <summary>Who is named as Initiated by when no admin or token made the change.</summary>
public static class AuditActors
{
    public const string System = "System";

    public const string ApiTokenPrefix = "API token: ";

    public static string ApiToken(string tokenName) => ApiTokenPrefix + tokenName;
}
