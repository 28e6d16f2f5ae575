namespace AdminCenter.Core.AppProtection;

/// <summary>A row of the App protection policies list (spec 03).</summary>
public sealed record PolicyListItem(string Id, string DisplayName, string Platform, bool IsAssigned, DateTime LastModifiedUtc);

/// <summary>The list's sortable columns.</summary>
public enum PolicySortColumn
{
    Policy,
    Platform,
    Deployed,
    LastModified,
}

/// <summary>Search and sort of the policy list.</summary>
public sealed record PolicyListQuery(string? Search = null, PolicySortColumn SortBy = PolicySortColumn.Policy, bool Descending = false);

/// <summary>A group named in an assignment.</summary>
public sealed record AssignedGroup(string Id, string DisplayName);

/// <summary>Everything the Properties page shows, and the draft it edits.</summary>
public sealed record PolicyDetails(
    string Id,
    WindowsPolicyDraft Draft,
    WindowsAppProtectionSettings Settings,
    bool IsAssigned,
    IReadOnlyList<AssignedGroup> IncludedGroups,
    IReadOnlyList<AssignedGroup> ExcludedGroups,
    DateTime CreatedUtc,
    DateTime LastModifiedUtc,
    string LastModifiedBy,
    int Version)
{
    /// <summary>Names of the filters the included groups use, by filter id.</summary>
    public IReadOnlyDictionary<string, string> FilterNames { get; init; } = new Dictionary<string, string>();
}

/// <summary>A policy as evaluation needs it: which one, and its settings.</summary>
public sealed record ApplicablePolicy(string Id, string DisplayName, WindowsAppProtectionSettings Settings);
