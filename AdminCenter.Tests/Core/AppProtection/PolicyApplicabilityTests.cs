using AdminCenter.Core.AppProtection;

namespace AdminCenter.Tests.Core.AppProtection;

public sealed class PolicyApplicabilityTests
{
    private const string Edge = WindowsPolicyDraft.EdgeAppId;

    /// <summary>"+A" includes group A, "-B" excludes group B; comma separated.</summary>
    private static List<PolicyAssignment> Assignments(string spec) =>
        [.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => new PolicyAssignment("policy-1", a[1..], isExclusion: a[0] == '-'))];

    private static HashSet<string> Groups(string groups) =>
        [.. groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [Theory]
    // Included, not excluded.
    [InlineData("+A", "A", true)]
    [InlineData("+A,+B", "B", true)]
    [InlineData("+A,-B", "A", true)]
    [InlineData("+A,-B", "A,C", true)]
    // In no included group.
    [InlineData("+A", "B", false)]
    [InlineData("+A", "", false)]
    [InlineData("", "A", false)]
    [InlineData("-B", "A", false)]
    // Excluded: exclusion wins, in either order.
    [InlineData("+A,-B", "A,B", false)]
    [InlineData("-B,+A", "A,B", false)]
    [InlineData("+A,+C,-B", "A,B,C", false)]
    [InlineData("-B", "B", false)]
    [InlineData("+A,-A", "A", false)]
    public void AppliesTo_IncludeAndExcludeCombinations_AppliesOnlyToIncludedUsersNotExcluded(
        string assignments, string userGroups, bool expected)
    {
        var policyAssignments = Assignments(assignments);

        var applies = PolicyApplicability.AppliesTo(policyAssignments, [Edge], Edge, Groups(userGroups));

        Assert.Equal(expected, applies);
    }

    [Theory]
    [InlineData(Edge, true)]
    [InlineData("com.microsoft.office.outlook", false)]
    [InlineData("COM.MICROSOFT.EDGE", false)]
    [InlineData("", false)]
    public void AppliesTo_AppTheUserOpens_AppliesOnlyWhenThePolicyTargetsIt(string appId, bool expected)
    {
        var assignments = Assignments("+A");

        var applies = PolicyApplicability.AppliesTo(assignments, [Edge], appId, Groups("A"));

        Assert.Equal(expected, applies);
    }

    [Fact]
    public void AppliesTo_PolicyWithoutApps_AppliesToNothing()
    {
        var assignments = Assignments("+A");

        var applies = PolicyApplicability.AppliesTo(assignments, [], Edge, Groups("A"));

        Assert.False(applies);
    }

    [Theory]
    [InlineData("+A,-B", "A", true)]
    [InlineData("+A,-B", "A,B", false)]
    public void AppliesTo_AssignmentsThatAreNotAList_GiveTheSameAnswer(string assignments, string userGroups, bool expected)
    {
        var set = new HashSet<PolicyAssignment>(Assignments(assignments));

        var applies = PolicyApplicability.AppliesTo(set, [Edge], Edge, Groups(userGroups));

        Assert.Equal(expected, applies);
    }

    [Fact]
    public void AppliesTo_GroupIds_UseTheCallersSetComparer()
    {
        var assignments = Assignments("+abc");
        var caseInsensitive = new HashSet<string>(["ABC"], StringComparer.OrdinalIgnoreCase);
        var caseSensitive = new HashSet<string>(["ABC"], StringComparer.Ordinal);

        var insensitive = PolicyApplicability.AppliesTo(assignments, [Edge], Edge, caseInsensitive);
        var sensitive = PolicyApplicability.AppliesTo(assignments, [Edge], Edge, caseSensitive);

        Assert.True(insensitive);
        Assert.False(sensitive);
    }

    [Fact]
    public void AppliesTo_WarmedUpWithLists_DoesNotAllocate()
    {
        var assignments = Assignments("+A,+C,-B");
        List<string> apps = ["com.contoso.other", Edge];
        var included = Groups("C");
        var excluded = Groups("A,B");
        Assert.True(PolicyApplicability.AppliesTo(assignments, apps, Edge, included));
        Assert.False(PolicyApplicability.AppliesTo(assignments, apps, Edge, excluded));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var applies = PolicyApplicability.AppliesTo(assignments, apps, Edge, included);
        var excludedApplies = PolicyApplicability.AppliesTo(assignments, apps, Edge, excluded);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(applies);
        Assert.False(excludedApplies);
        Assert.Equal(0, after - before);
    }
}
