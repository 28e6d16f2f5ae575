namespace AdminCenter.Core.ConditionalAccess;

/// <summary>The policy's state (spec 04): Off, Report-only (computed and logged, access granted) or On.</summary>
public enum ConditionalAccessState
{
    Off,
    ReportOnly,
    On,
}

/// <summary>
/// The tenant's one Conditional Access policy, "Require app protection policy for Windows browser access" (spec 04,
/// decision: a tenant setting), with the groups it targets.
/// </summary>
public sealed class ConditionalAccessPolicy
{
    public const int SingletonId = 1;
    public const string DefaultDisplayName = "Require app protection policy for Windows browser access";

    public int Id { get; private set; } = SingletonId;

    public string DisplayName { get; private set; } = DefaultDisplayName;

    public ConditionalAccessState State { get; private set; } = ConditionalAccessState.Off;

    public List<string> IncludedGroupIds { get; private set; } = [];

    public List<string> ExcludedGroupIds { get; private set; } = [];

    public DateTime LastModifiedDateTime { get; private set; }

    public string LastModifiedBy { get; private set; } = "";

    /// <summary>App-managed optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public void Change(ConditionalAccessState state, IEnumerable<string> includedGroupIds, IEnumerable<string> excludedGroupIds, DateTime nowUtc, string actor)
    {
        State = state;
        IncludedGroupIds = [.. includedGroupIds];
        ExcludedGroupIds = [.. excludedGroupIds];
        LastModifiedDateTime = nowUtc;
        LastModifiedBy = actor;
        Version++;
    }
}

/// <summary>One Conditional Access evaluation of a sign-in, kept for the Sign-in logs page.</summary>
public sealed class SignInLogEntry(
    DateTime signInDateTime, string userPrincipalName, string? userId, string azureAdDeviceId, string clientAppId, string resource,
    bool granted, bool reportOnly, string reasonsJson, string remediationJson)
{
    public long Id { get; private set; }

    public DateTime SignInDateTime { get; private set; } = signInDateTime;

    public string UserPrincipalName { get; private set; } = userPrincipalName;

    public string? UserId { get; private set; } = userId;

    public string AzureAdDeviceId { get; private set; } = azureAdDeviceId;

    public string ClientAppId { get; private set; } = clientAppId;

    public string Resource { get; private set; } = resource;

    /// <summary>The result applied: granted, or blocked. Report-only sign-ins are granted; <see cref="ReportOnly"/> says so.</summary>
    public bool Granted { get; private set; } = granted;

    public bool ReportOnly { get; private set; } = reportOnly;

    /// <summary>JSON array of reason strings.</summary>
    public string ReasonsJson { get; private set; } = reasonsJson;

    /// <summary>JSON array of remediation strings.</summary>
    public string RemediationJson { get; private set; } = remediationJson;
}
