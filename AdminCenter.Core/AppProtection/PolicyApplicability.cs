using AdminCenter.Core.Filters;

namespace AdminCenter.Core.AppProtection;

/// <summary>Whether a Windows app protection policy applies to a user's app (spec 03, Assignments; spec 07, filters).</summary>
public static class PolicyApplicability
{
    /// <summary>
    /// True when the policy targets <paramref name="appId"/> and the user is in an included group and in no excluded
    /// group: exclusion wins over inclusion. Assignment filters are not looked at: a filtered group counts as included
    /// (group targeting only, for callers that know no device).
    /// </summary>
    public static bool AppliesTo(
        IReadOnlyCollection<PolicyAssignment> assignments,
        IReadOnlyList<string> policyApps,
        string appId,
        IReadOnlySet<string> userGroupIds) =>
        Decide(assignments, policyApps, appId, userGroupIds, null, null) == Applicability.Applies;

    /// <summary>
    /// As above, honouring assignment filters (spec 07): an included group lets the policy through when it has no filter,
    /// or its filter matches <paramref name="facts"/> (Include) or does not (Exclude); one included group that lets it
    /// through is enough, and an excluded group still wins. A filter missing from <paramref name="filters"/> lets nothing
    /// through. App ids are compared ordinally, group ids with <paramref name="userGroupIds"/>' own comparer.
    /// Allocation-free when the inputs are lists, because it runs for every policy at every check-in.
    /// </summary>
    public static Applicability Decide(
        IReadOnlyCollection<PolicyAssignment> assignments,
        IReadOnlyList<string> policyApps,
        string appId,
        IReadOnlySet<string> userGroupIds,
        IReadOnlyDictionary<string, CompiledFilter>? filters,
        FilterFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(policyApps);
        ArgumentNullException.ThrowIfNull(userGroupIds);
        if (appId is null || !Targets(policyApps, appId))
        {
            return Applicability.NotTargeted;
        }

        var state = Applicability.NotTargeted;
        // Indexing avoids boxing an enumerator through the interface; any other collection takes the slower path.
        if (assignments is IReadOnlyList<PolicyAssignment> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (Visit(list[i], userGroupIds, filters, facts, ref state))
                {
                    return Applicability.Excluded;
                }
            }
        }
        else
        {
            foreach (var assignment in assignments)
            {
                if (Visit(assignment, userGroupIds, filters, facts, ref state))
                {
                    return Applicability.Excluded;
                }
            }
        }
        return state;
    }

    /// <summary>Whether an included group's filter lets a registration with <paramref name="facts"/> through.</summary>
    public static bool FilterLetsThrough(CompiledFilter filter, AssignmentFilterMode mode, FilterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var matches = FilterRule.Matches(filter.Rule, facts);
        return mode == AssignmentFilterMode.Exclude ? !matches : matches;
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

    // Returns true when the user is excluded, which ends the evaluation; records an inclusion (or a filter that kept
    // the policy out) along the way.
    private static bool Visit(
        PolicyAssignment assignment, IReadOnlySet<string> userGroupIds, IReadOnlyDictionary<string, CompiledFilter>? filters, FilterFacts? facts,
        ref Applicability state)
    {
        if (!userGroupIds.Contains(assignment.GroupId))
        {
            return false;
        }
        if (assignment.IsExclusion)
        {
            return true;
        }
        if (state == Applicability.Applies)
        {
            return false;
        }
        if (assignment.FilterId is null || filters is null)
        {
            state = Applicability.Applies;
            return false;
        }
        var lets = facts is not null && filters.TryGetValue(assignment.FilterId, out var filter) && FilterLetsThrough(filter, assignment.FilterMode, facts);
        state = lets ? Applicability.Applies : Applicability.FilteredOut;
        return false;
    }
}

/// <summary>What <see cref="PolicyApplicability.Decide"/> found.</summary>
public enum Applicability
{
    /// <summary>The policy does not target the app, or the user is in none of its included groups.</summary>
    NotTargeted,

    /// <summary>The user is in an excluded group (which wins).</summary>
    Excluded,

    /// <summary>The user is in included groups, but each one's filter kept the policy out.</summary>
    FilteredOut,

    Applies,
}
