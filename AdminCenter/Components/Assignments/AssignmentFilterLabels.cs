using AdminCenter.Core.Filters;

namespace AdminCenter.Components.Assignments;

/// <summary>How an included group's filter reads in summaries: "Finance (Surface devices, Include)".</summary>
public static class AssignmentFilterLabels
{
    public static string Group(string groupName, IncludedGroupFilter? filter, IReadOnlyDictionary<string, string> filterNames) =>
        filter is null ? groupName : $"{groupName} (filter {filterNames.GetValueOrDefault(filter.FilterId, "(deleted filter)")}, {filter.Mode})";
}
