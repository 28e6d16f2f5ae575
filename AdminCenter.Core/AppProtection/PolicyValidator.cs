using AdminCenter.Core.Common;

namespace AdminCenter.Core.AppProtection;

/// <summary>
/// The rules of the Create policy wizard (spec 03) as pure functions, one per step so the wizard can disable Next
/// on the step in error, shared by the pages and the API.
/// </summary>
public static class PolicyValidator
{
    /// <summary>Field of the name (Graph <c>displayName</c>).</summary>
    public const string DisplayNameField = "displayName";

    /// <summary>Field of the description.</summary>
    public const string DescriptionField = "description";

    /// <summary>Field of the targeted apps.</summary>
    public const string AppsField = "apps";

    /// <summary>Field of the scope tags.</summary>
    public const string RoleScopeTagIdsField = "roleScopeTagIds";

    /// <summary>Field of the included and excluded groups.</summary>
    public const string AssignmentsField = "assignments";

    /// <summary>Longest name, in characters, after trimming.</summary>
    public const int MaxDisplayNameLength = 256;

    /// <summary>Longest description, in characters, after trimming.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>The display name of the only scope tag, <see cref="WindowsPolicyDraft.DefaultScopeTagId"/>.</summary>
    public const string DefaultScopeTagName = "Default";

    /// <summary>The field of the Health checks row at <paramref name="rowIndex"/>: <c>healthChecks[i]</c>.</summary>
    public static string HealthCheckField(int rowIndex) => $"healthChecks[{rowIndex}]";

    /// <summary>
    /// Every rule of every step. <paramref name="otherPolicyNames"/> are the names of the tenant's other Windows
    /// policies (without the one being edited), since names are unique per platform.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> Validate(WindowsPolicyDraft draft, IReadOnlyCollection<string> otherPolicyNames) =>
    [
        .. ValidateBasics(draft, otherPolicyNames),
        .. ValidateApps(draft),
        .. ValidateHealthChecks(draft),
        .. ValidateScopeTags(draft),
        .. ValidateAssignments(draft),
    ];

    /// <summary>Basics: a name of 1-256 characters, unique case-insensitively, and a description of at most 1024.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateBasics(WindowsPolicyDraft draft, IReadOnlyCollection<string> otherPolicyNames)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(otherPolicyNames);
        var problems = new List<ValidationProblem>();
        var name = (draft.DisplayName ?? "").Trim();
        if (name.Length == 0)
        {
            problems.Add(new(DisplayNameField, "Name is required."));
        }
        else if (name.Length > MaxDisplayNameLength)
        {
            problems.Add(new(DisplayNameField, $"Name must be {MaxDisplayNameLength} characters or fewer (it has {name.Length})."));
        }
        else
        {
            // The same normalization as the saved policy, so the check and the stored key cannot disagree.
            var normalized = WindowsManagedAppProtection.Normalize(name);
            if (otherPolicyNames.Any(other => other is not null && WindowsManagedAppProtection.Normalize(other) == normalized))
            {
                problems.Add(new(DisplayNameField, $"A Windows policy named '{name}' already exists", IsConflict: true));
            }
        }

        var description = draft.Description?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength)
        {
            problems.Add(new(DescriptionField, $"Description must be {MaxDescriptionLength} characters or fewer (it has {description.Length})."));
        }
        return problems;
    }

    /// <summary>Why the name alone is refused (required, length, unique), or null: the Basics rule at its field.</summary>
    public static string? CheckDisplayName(string? name, IReadOnlyCollection<string> otherPolicyNames) =>
        ValidateBasics(new WindowsPolicyDraft { DisplayName = name ?? "" }, otherPolicyNames)
            .FirstOrDefault(p => p.Field == DisplayNameField)?.Message;

    /// <summary>Why the description alone is refused (length), or null.</summary>
    public static string? CheckDescription(string? description) =>
        ValidateBasics(new WindowsPolicyDraft { DisplayName = "x", Description = description }, [])
            .FirstOrDefault(p => p.Field == DescriptionField)?.Message;

    /// <summary>Apps: at least one, each a Windows MAM app (only Microsoft Edge), none twice.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateApps(WindowsPolicyDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var apps = draft.Apps ?? [];
        if (apps.Count == 0)
        {
            return [new(AppsField, "Select at least one app")];
        }
        var problems = new List<ValidationProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            if (app != WindowsPolicyDraft.EdgeAppId)
            {
                problems.Add(new(AppsField,
                    $"'{app}' is not an app Windows app protection policies can target; only Microsoft Edge ({WindowsPolicyDraft.EdgeAppId}) can be selected."));
            }
            else if (!seen.Add(app))
            {
                problems.Add(new(AppsField, "Microsoft Edge is selected more than once."));
            }
        }
        return problems;
    }

    /// <summary>Health checks: every rule of <see cref="HealthChecks.Validate"/>, each at its row's field.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateHealthChecks(WindowsPolicyDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return [.. HealthChecks.Validate(draft.HealthChecks ?? []).Select(p => new ValidationProblem(HealthCheckField(p.RowIndex), p.Message))];
    }

    /// <summary>Scope tags: at least one, and only Default (<c>0</c>) exists until scope tags can be created.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateScopeTags(WindowsPolicyDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var tags = draft.RoleScopeTagIds ?? [];
        if (tags.Count == 0)
        {
            return [new(RoleScopeTagIdsField, $"Select at least one scope tag ({DefaultScopeTagName}).")];
        }
        var problems = new List<ValidationProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (tag != WindowsPolicyDraft.DefaultScopeTagId)
            {
                problems.Add(new(RoleScopeTagIdsField, $"Scope tag '{tag}' does not exist; the only scope tag is {DefaultScopeTagName}."));
            }
            else if (!seen.Add(tag))
            {
                problems.Add(new(RoleScopeTagIdsField, $"Scope tag {DefaultScopeTagName} is selected more than once."));
            }
        }
        return problems;
    }

    /// <summary>
    /// Assignments: no empty group id, no group listed twice, and no group both included and excluded. Group ids
    /// are compared case-insensitively because Entra object ids are GUIDs, whatever case a client sends.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> ValidateAssignments(WindowsPolicyDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var included = draft.IncludedGroupIds ?? [];
        var excluded = draft.ExcludedGroupIds ?? [];
        var problems = new List<ValidationProblem>();
        CheckGroups(included, "included", problems);
        var excludedSet = CheckGroups(excluded, "excluded", problems);
        foreach (var groupId in included.Where(g => !string.IsNullOrWhiteSpace(g)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (excludedSet.Contains(groupId))
            {
                problems.Add(new(AssignmentsField,
                    $"Group '{groupId}' is both included and excluded; a group can be one or the other."));
            }
        }
        problems.AddRange(ValidateAssignmentFilters(included, draft.AssignmentFilters ?? []));
        return problems;
    }

    /// <summary>
    /// Filters of an assignment (spec 07): only an included group takes a filter, at most one each, with a filter id
    /// and a mode. Shared by every policy type whose Assignments step has Filter and Filter mode.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> ValidateAssignmentFilters(IReadOnlyList<string> includedGroupIds, IReadOnlyList<Filters.IncludedGroupFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(includedGroupIds);
        ArgumentNullException.ThrowIfNull(filters);
        var problems = new List<ValidationProblem>();
        var included = includedGroupIds.Where(g => !string.IsNullOrWhiteSpace(g)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var filter in filters)
        {
            if (filter is null || string.IsNullOrWhiteSpace(filter.GroupId) || !included.Contains(filter.GroupId))
            {
                problems.Add(new(AssignmentsField, $"A filter is set for group '{filter?.GroupId}', which is not an included group; only included groups take a filter."));
            }
            else if (!seen.Add(filter.GroupId))
            {
                problems.Add(new(AssignmentsField, $"Group '{filter.GroupId}' has more than one filter."));
            }
            else if (string.IsNullOrWhiteSpace(filter.FilterId))
            {
                problems.Add(new(AssignmentsField, $"The filter of group '{filter.GroupId}' has no id."));
            }
            else if (!Enum.IsDefined(filter.Mode))
            {
                problems.Add(new(AssignmentsField, $"The filter mode of group '{filter.GroupId}' must be Include or Exclude."));
            }
        }
        return problems;
    }

    private static HashSet<string> CheckGroups(IReadOnlyList<string> groupIds, string role, List<ValidationProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var groupId in groupIds)
        {
            if (string.IsNullOrWhiteSpace(groupId))
            {
                problems.Add(new(AssignmentsField, $"An {role} group has no id."));
            }
            else if (!seen.Add(groupId))
            {
                problems.Add(new(AssignmentsField, $"Group '{groupId}' is {role} more than once."));
            }
        }
        return seen;
    }
}
