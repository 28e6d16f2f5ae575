using AdminCenter.Core.Filters;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>An app configuration policy for managed apps; Graph's <c>targetedManagedAppConfiguration</c> (spec 07).</summary>
public sealed class TargetedManagedAppConfiguration
{
    private readonly List<AppConfigurationAssignment> _assignments = [];

    private TargetedManagedAppConfiguration()
    {
    }

    public string Id { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>Names are unique, compared case-insensitively.</summary>
    public string NormalizedDisplayName { get; private set; } = "";

    public string? Description { get; private set; }

    public List<string> Apps { get; private set; } = [];

    public List<AppConfigSetting> EdgeSettings { get; private set; } = [];

    public List<AppConfigSetting> GeneralSettings { get; private set; } = [];

    public DateTime CreatedDateTime { get; private set; }

    public DateTime LastModifiedDateTime { get; private set; }

    public string LastModifiedBy { get; private set; } = "";

    /// <summary>App-managed optimistic concurrency token (SQLite has no row version); the API's @odata.etag.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<AppConfigurationAssignment> Assignments => _assignments;

    public bool IsAssigned => _assignments.Any(a => !a.IsExclusion);

    /// <summary>The key names are unique by: trimmed, ASCII letters upper-cased (no Unicode folding, which merges lookalikes).</summary>
    public static string Normalize(string displayName)
    {
        var trimmed = displayName.Trim();
        return string.Create(trimmed.Length, trimmed, static (destination, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - ('a' - 'A')) : source[i];
            }
        });
    }

    public static TargetedManagedAppConfiguration Create(AppConfigurationDraft draft, DateTime nowUtc, string actor)
    {
        var policy = new TargetedManagedAppConfiguration { Id = Guid.NewGuid().ToString(), CreatedDateTime = nowUtc };
        policy.Apply(draft, nowUtc, actor);
        policy.Version = 1;
        return policy;
    }

    public void Update(AppConfigurationDraft draft, DateTime nowUtc, string actor)
    {
        Apply(draft, nowUtc, actor);
        Version++;
    }

    /// <summary>The saved policy as a draft, for editing one section.</summary>
    public AppConfigurationDraft ToDraft() => new()
    {
        DisplayName = DisplayName,
        Description = Description,
        Apps = [.. Apps],
        EdgeSettings = [.. EdgeSettings],
        GeneralSettings = [.. GeneralSettings],
        IncludedGroupIds = [.. _assignments.Where(a => !a.IsExclusion).Select(a => a.GroupId)],
        ExcludedGroupIds = [.. _assignments.Where(a => a.IsExclusion).Select(a => a.GroupId)],
        AssignmentFilters = [.. _assignments.Where(a => !a.IsExclusion && a.FilterId is not null).OrderBy(a => a.GroupId, StringComparer.Ordinal)
            .Select(a => new IncludedGroupFilter(a.GroupId, a.FilterId!, a.FilterMode))],
    };

    private void Apply(AppConfigurationDraft draft, DateTime nowUtc, string actor)
    {
        DisplayName = draft.DisplayName.Trim();
        NormalizedDisplayName = Normalize(draft.DisplayName);
        Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        Apps = [.. draft.Apps];
        EdgeSettings = [.. draft.EdgeSettings];
        GeneralSettings = [.. draft.GeneralSettings.Select(s => s with { Name = s.Name.Trim() })];
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
            _assignments.Add(new AppConfigurationAssignment(Id, groupId, isExclusion, filter?.FilterId, filter?.Mode ?? AssignmentFilterMode.Include));
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
/// A group an app configuration policy is assigned to (included) or excluded from; exclusion wins. Like the app
/// protection policies' assignment, an included group may carry an assignment filter (spec 07).
/// </summary>
public sealed class AppConfigurationAssignment(string policyId, string groupId, bool isExclusion)
{
    public AppConfigurationAssignment(string policyId, string groupId, bool isExclusion, string? filterId, AssignmentFilterMode filterMode)
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

    /// <summary>The same assignment in the app protection policies' shape, for <see cref="AppProtection.PolicyApplicability"/>.</summary>
    public AppProtection.PolicyAssignment ToPolicyAssignment() => new(PolicyId, GroupId, IsExclusion, FilterId, FilterMode);
}
