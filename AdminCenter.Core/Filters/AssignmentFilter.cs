namespace AdminCenter.Core.Filters;

/// <summary>An assignment filter for managed apps on Windows; Graph's <c>deviceAndAppManagementAssignmentFilter</c> (spec 07).</summary>
public sealed class AssignmentFilter
{
    private AssignmentFilter()
    {
    }

    public string Id { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>Names are unique, compared case-insensitively.</summary>
    public string NormalizedDisplayName { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>The rule in Intune's syntax, as the admin wrote it (it parses: the service refuses anything else).</summary>
    public string Rule { get; private set; } = "";

    public DateTime CreatedDateTime { get; private set; }

    public DateTime LastModifiedDateTime { get; private set; }

    public string LastModifiedBy { get; private set; } = "";

    /// <summary>App-managed optimistic concurrency token (SQLite has no row version).</summary>
    public int Version { get; private set; }

    public static string Normalize(string displayName) => displayName.Trim().ToUpperInvariant();

    /// <summary>Creates a filter from a validated draft.</summary>
    public static AssignmentFilter Create(AssignmentFilterDraft draft, DateTime nowUtc, string actor)
    {
        var filter = new AssignmentFilter { Id = Guid.NewGuid().ToString(), CreatedDateTime = nowUtc, Version = 0 };
        filter.Update(draft, nowUtc, actor);
        return filter;
    }

    /// <summary>Replaces name, description and rule with a validated draft's.</summary>
    public void Update(AssignmentFilterDraft draft, DateTime nowUtc, string actor)
    {
        DisplayName = draft.DisplayName.Trim();
        NormalizedDisplayName = Normalize(draft.DisplayName);
        Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        Rule = draft.Rule.Trim();
        LastModifiedDateTime = nowUtc;
        LastModifiedBy = actor;
        Version++;
    }
}
