using AdminCenter.Core.Evaluation;

namespace AdminCenter.Core.Filters;

/// <summary>The reason a registration's evaluation gives when an assignment filter kept a policy out (spec 07).</summary>
public static class FilterReasons
{
    /// <summary>The reason's Setting, as the reason tables show it.</summary>
    public const string Setting = "Assignment filter";

    /// <summary>
    /// E.g. <c>Filter "Corporate models" (Include) does not match: app.deviceModel is Surface Laptop 5</c>: the filter,
    /// its mode, and the registration's value of every property the rule tests.
    /// </summary>
    public static string Describe(CompiledFilter filter, AssignmentFilterMode mode, FilterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(facts);
        var matches = FilterRule.Matches(filter.Rule, facts);
        return $"Filter \"{filter.DisplayName}\" ({mode}) {(matches ? "matches" : "does not match")}: {Actual(filter, facts)}";
    }

    /// <summary>The explained reason for <paramref name="policy"/>, kept out by <paramref name="filter"/>.</summary>
    public static ExplainedReason Explain(CompiledPolicy policy, CompiledFilter filter, AssignmentFilterMode mode, FilterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var expected = mode == AssignmentFilterMode.Include ? $"\"{filter.DisplayName}\" matches" : $"\"{filter.DisplayName}\" does not match";
        return new ExplainedReason(policy.Id, policy.DisplayName, Setting, expected, Actual(filter, facts),
            EvaluationOutcome.Allow, $"{Describe(filter, mode, facts)}, so this policy does not apply.");
    }

    private static string Actual(CompiledFilter filter, FilterFacts facts) =>
        string.Join(", ", PropertiesOf(filter.Rule).Select(p => FilterRule.Describe(p, facts)));

    /// <summary>The distinct properties a rule tests, in the order they appear.</summary>
    public static IReadOnlyList<FilterProperty> PropertiesOf(FilterExpression rule)
    {
        var found = new List<FilterProperty>();
        Collect(rule, found);
        return found;
    }

    private static void Collect(FilterExpression rule, List<FilterProperty> found)
    {
        switch (rule)
        {
            case FilterAnd and:
                Collect(and.Left, found);
                Collect(and.Right, found);
                break;
            case FilterOr or:
                Collect(or.Left, found);
                Collect(or.Right, found);
                break;
            case FilterCondition condition when !found.Contains(condition.Property):
                found.Add(condition.Property);
                break;
        }
    }
}
