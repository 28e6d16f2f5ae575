using AdminCenter.Core.Filters;

namespace AdminCenter.Api;

/// <summary>The groups and filters of an <c>assign</c> body, or the first problem with it.</summary>
internal sealed record GraphAssignTargets(List<string> Included, List<string> Excluded, List<IncludedGroupFilter> Filters)
{
    /// <summary>
    /// Reads the body of <c>assign</c> for app protection and app configuration policies alike (spec 07: both take a filter
    /// per included group); <paramref name="policies"/> names them in messages ("Windows app protection policies").
    /// </summary>
    public static (GraphAssignTargets? Targets, string? Problem) Read(GraphAssignBody body, string policies)
    {
        ArgumentNullException.ThrowIfNull(body);
        var targets = new GraphAssignTargets([], [], []);
        for (var i = 0; i < body.Assignments.Count; i++)
        {
            var item = body.Assignments[i];
            var at = $"assignments[{i}]";
            if (item.ODataType is not null && !GraphPolicyShape.IsType(item.ODataType, GraphPolicyShape.AssignmentODataType))
            {
                return (null, $"The property '{at}.@odata.type' must be \"{GraphPolicyShape.AssignmentODataType}\" here.");
            }
            var target = item.Target;
            var exclusion = GraphPolicyShape.IsType(target.ODataType, GraphPolicyShape.ExcludeTarget);
            if (!exclusion && !GraphPolicyShape.IsType(target.ODataType, GraphPolicyShape.IncludeTarget))
            {
                return (null,
                    $"The property '{at}.target.@odata.type' is '{JsonBodySchema.Shown(target.ODataType)}'; {policies} are assigned to groups: " +
                    $"use \"{GraphPolicyShape.IncludeTarget}\" to include a group or \"{GraphPolicyShape.ExcludeTarget}\" to exclude one.");
            }
            if (string.IsNullOrWhiteSpace(target.GroupId))
            {
                return (null, $"The property '{at}.target.groupId' is required: the id of the group to {(exclusion ? "exclude" : "include")}.");
            }
            var filterId = string.IsNullOrEmpty(target.DeviceAndAppManagementAssignmentFilterId) ? null : target.DeviceAndAppManagementAssignmentFilterId;
            var filterType = target.DeviceAndAppManagementAssignmentFilterType;
            if (filterType is not (null or "none" or "include" or "exclude"))
            {
                return (null,
                    $"The property '{at}.target.deviceAndAppManagementAssignmentFilterType' is '{JsonBodySchema.Shown(filterType)}'; use \"include\", \"exclude\" or \"none\".");
            }
            if (filterId is not null && exclusion)
            {
                return (null,
                    $"The property '{at}.target.deviceAndAppManagementAssignmentFilterId' is set on an excluded group; only included groups take a filter.");
            }
            if (filterId is not null && filterType is null or "none")
            {
                return (null,
                    $"The property '{at}.target.deviceAndAppManagementAssignmentFilterType' must be \"include\" or \"exclude\" with a filter id.");
            }
            if (filterId is null && filterType is "include" or "exclude")
            {
                return (null,
                    $"The property '{at}.target.deviceAndAppManagementAssignmentFilterId' is required with a filter type of \"{filterType}\".");
            }
            if (filterId is not null)
            {
                targets.Filters.Add(new IncludedGroupFilter(target.GroupId, filterId, filterType == "exclude" ? AssignmentFilterMode.Exclude : AssignmentFilterMode.Include));
            }
            (exclusion ? targets.Excluded : targets.Included).Add(target.GroupId);
        }
        return (targets, null);
    }
}
