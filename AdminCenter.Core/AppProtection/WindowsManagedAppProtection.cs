using AdminCenter.Core.Filters;

namespace AdminCenter.Core.AppProtection;

/// <summary>A Windows app protection policy; Graph's <c>windowsManagedAppProtection</c> (spec 03).</summary>
public sealed class WindowsManagedAppProtection
{
    private readonly List<PolicyAssignment> _assignments = [];

    private WindowsManagedAppProtection()
    {
    }

    public string Id { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>Names are unique per platform, compared case-insensitively.</summary>
    public string NormalizedDisplayName { get; private set; } = "";

    public string? Description { get; private set; }

    public List<string> Apps { get; private set; } = [];

    public List<string> RoleScopeTagIds { get; private set; } = [];

    public WindowsAppProtectionSettings Settings { get; private set; } = new();

    public DateTime CreatedDateTime { get; private set; }

    public DateTime LastModifiedDateTime { get; private set; }

    public string LastModifiedBy { get; private set; } = "";

    /// <summary>App-managed optimistic concurrency token (SQLite has no row version); the API's @odata.etag.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<PolicyAssignment> Assignments => _assignments;

    /// <summary>Graph <c>isAssigned</c>: shown as Deployed = Yes.</summary>
    public bool IsAssigned => _assignments.Any(a => !a.IsExclusion);

    public static string Normalize(string displayName) => displayName.Trim().ToUpperInvariant();

    /// <summary>Creates a policy from a validated draft.</summary>
    public static WindowsManagedAppProtection Create(WindowsPolicyDraft draft, WindowsAppProtectionSettings settings, DateTime nowUtc, string actor)
    {
        var policy = new WindowsManagedAppProtection
        {
            Id = Guid.NewGuid().ToString(),
            CreatedDateTime = nowUtc,
        };
        policy.Apply(draft, settings, nowUtc, actor);
        policy.Version = 1;
        return policy;
    }

    /// <summary>Replaces every section with a validated draft's.</summary>
    public void Update(WindowsPolicyDraft draft, WindowsAppProtectionSettings settings, DateTime nowUtc, string actor)
    {
        Apply(draft, settings, nowUtc, actor);
        Version++;
    }

    private void Apply(WindowsPolicyDraft draft, WindowsAppProtectionSettings settings, DateTime nowUtc, string actor)
    {
        DisplayName = draft.DisplayName.Trim();
        NormalizedDisplayName = Normalize(draft.DisplayName);
        Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        Apps = [.. draft.Apps];
        RoleScopeTagIds = [.. draft.RoleScopeTagIds];
        Settings = settings;
        LastModifiedDateTime = nowUtc;
        LastModifiedBy = actor;
        _assignments.RemoveAll(a => !draft.IncludedGroupIds.Contains(a.GroupId) && !draft.ExcludedGroupIds.Contains(a.GroupId));
        foreach (var groupId in draft.IncludedGroupIds)
        {
            var filter = draft.AssignmentFilters.FirstOrDefault(f => string.Equals(f.GroupId, groupId, StringComparison.OrdinalIgnoreCase));
            SetAssignment(groupId, isExclusion: false, filter);
        }
        foreach (var groupId in draft.ExcludedGroupIds)
        {
            SetAssignment(groupId, isExclusion: true, filter: null);
        }
    }

    private void SetAssignment(string groupId, bool isExclusion, IncludedGroupFilter? filter)
    {
        var existing = _assignments.FirstOrDefault(a => a.GroupId == groupId);
        if (existing is null)
        {
            _assignments.Add(new PolicyAssignment(Id, groupId, isExclusion, filter?.FilterId, filter?.Mode ?? AssignmentFilterMode.Include));
        }
        else
        {
            existing.IsExclusion = isExclusion;
            existing.FilterId = filter?.FilterId;
            existing.FilterMode = filter?.Mode ?? AssignmentFilterMode.Include;
        }
    }
}

/// <summary>
/// A group a policy is assigned to (included) or excluded from; exclusion wins. An included group may carry an
/// assignment filter (spec 07) that narrows it to the registrations the filter matches (Include) or does not (Exclude).
/// </summary>
public sealed class PolicyAssignment(string policyId, string groupId, bool isExclusion)
{
    public PolicyAssignment(string policyId, string groupId, bool isExclusion, string? filterId, AssignmentFilterMode filterMode)
        : this(policyId, groupId, isExclusion)
    {
        FilterId = filterId;
        FilterMode = filterMode;
    }

    public string PolicyId { get; private set; } = policyId;

    public string GroupId { get; private set; } = groupId;

    public bool IsExclusion { get; internal set; } = isExclusion;

    /// <summary>The included group's filter; null for none (and always for an excluded group).</summary>
    public string? FilterId { get; internal set; }

    /// <summary>How <see cref="FilterId"/> decides; meaningless without a filter.</summary>
    public AssignmentFilterMode FilterMode { get; internal set; }
}
