namespace AdminCenter.Core.Filters;

/// <summary>What the Create filter wizard and the filter's Edit save.</summary>
public sealed record AssignmentFilterDraft
{
    public string DisplayName { get; init; } = "";

    public string? Description { get; init; }

    public string Rule { get; init; } = "";
}

/// <summary>A filter as its page, the list and Graph show it.</summary>
public sealed record AssignmentFilterDetails(
    string Id,
    string DisplayName,
    string? Description,
    string Rule,
    DateTime CreatedUtc,
    DateTime LastModifiedUtc,
    string LastModifiedBy,
    int Version)
{
    public AssignmentFilterDraft Draft => new() { DisplayName = DisplayName, Description = Description, Rule = Rule };
}

/// <summary>How an included group's filter decides (spec 07): the policy applies when the filter matches (Include) or does not (Exclude).</summary>
public enum AssignmentFilterMode
{
    Include,
    Exclude,
}

/// <summary>
/// The filter of one included group of an assignment (app protection or app configuration policy); a group without one
/// has no entry. Excluded groups take no filter.
/// </summary>
public sealed record IncludedGroupFilter(string GroupId, string FilterId, AssignmentFilterMode Mode);

/// <summary>A filter ready for evaluation: its rule parsed once.</summary>
public sealed record CompiledFilter(string Id, string DisplayName, FilterExpression Rule);

/// <summary>One registration a filter matches, as the Preview shows it.</summary>
public sealed record FilterPreviewRow(string UserPrincipalName, string? DeviceName, string? DeviceManufacturer, string? DeviceModel, string? OsVersion, string? AppVersion);

/// <summary>How many current registrations a rule matches, and the first of them.</summary>
public sealed record FilterPreview(int Evaluated, int Matching, IReadOnlyList<FilterPreviewRow> FirstMatches)
{
    public const int RowLimit = 50;
}
