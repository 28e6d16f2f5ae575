namespace AdminCenter.Core.AppProtection;

/// <summary>Whether a Windows app protection policy applies to a user's app (spec 03, Assignments).</summary>
public static class PolicyApplicability
{
    /// <summary>
    /// True when the policy targets <paramref name="appId"/> and the user is in an included group and in no excluded
    /// group: exclusion wins over inclusion. App ids are compared ordinally, group ids with
    /// <paramref name="userGroupIds"/>' own comparer. Allocation-free when the inputs are lists, because it runs for
    /// every policy at every check-in.
    /// </summary>
    public static bool AppliesTo(
        IReadOnlyCollection<PolicyAssignment> assignments,
        IReadOnlyList<string> policyApps,
        string appId,
        IReadOnlySet<string> userGroupIds)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(policyApps);
        ArgumentNullException.ThrowIfNull(userGroupIds);
        if (appId is null || !Targets(policyApps, appId))
        {
            return false;
        }

        var included = false;
        // Indexing avoids boxing an enumerator through the interface; any other collection takes the slower path.
        if (assignments is IReadOnlyList<PolicyAssignment> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (IsExcluded(list[i], userGroupIds, ref included))
                {
                    return false;
                }
            }
        }
        else
        {
            foreach (var assignment in assignments)
            {
                if (IsExcluded(assignment, userGroupIds, ref included))
                {
                    return false;
                }
            }
        }
        return included;
    }

    private static bool Targets(IReadOnlyList<string> policyApps, string appId)
    {
        for (var i = 0; i < policyApps.Count; i++)
        {
            if (string.Equals(policyApps[i], appId, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // Returns true when the user is excluded, which ends the evaluation; records an inclusion along the way.
    private static bool IsExcluded(PolicyAssignment assignment, IReadOnlySet<string> userGroupIds, ref bool included)
    {
        if (!userGroupIds.Contains(assignment.GroupId))
        {
            return false;
        }
        if (assignment.IsExclusion)
        {
            return true;
        }
        included = true;
        return false;
    }
}
