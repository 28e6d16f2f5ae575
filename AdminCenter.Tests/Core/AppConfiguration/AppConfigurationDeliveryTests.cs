using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;

namespace AdminCenter.Tests.Core.AppConfiguration;

public sealed class AppConfigurationDeliveryTests
{
    private const string Edge = WindowsPolicyDraft.EdgeAppId;
    private static readonly TokenUser Megan = new("user-1", "megan.bowen@contoso.com", "Megan Bowen");
    private static readonly CompiledFilter SurfaceFilter =
        new("filter-1", "Surface devices", FilterRule.Parse("app.deviceManufacturer -eq \"Microsoft Corporation\"").Rule!);
    private static readonly Dictionary<string, CompiledFilter> Filters = new() { [SurfaceFilter.Id] = SurfaceFilter };

    private static FilterFacts Facts(string manufacturer) => new("131.0.2903.70", manufacturer, "Surface Laptop 6", "10.0.22631.4460");

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    public void AppliesTo_IncludedAndExcludedGroups_ExclusionWins(bool inIncluded, bool inExcluded, bool expected)
    {
        var assignments = new[] { new AppConfigurationAssignment("p", "included", false), new AppConfigurationAssignment("p", "excluded", true) };
        var groups = new HashSet<string>();
        if (inIncluded)
        {
            groups.Add("included");
        }
        if (inExcluded)
        {
            groups.Add("excluded");
        }

        var applies = AppConfigurationDelivery.AppliesTo(assignments, [Edge], Edge, groups);

        Assert.Equal(expected, applies);
    }

    [Theory]
    [InlineData(AssignmentFilterMode.Include, "Microsoft Corporation", true)]
    [InlineData(AssignmentFilterMode.Include, "Contoso", false)]
    [InlineData(AssignmentFilterMode.Exclude, "Microsoft Corporation", false)]
    [InlineData(AssignmentFilterMode.Exclude, "Contoso", true)]
    public void AppliesTo_IncludedGroupWithFilter_AppliesAsTheFilterDecides(AssignmentFilterMode mode, string manufacturer, bool expected)
    {
        var assignments = new[] { new AppConfigurationAssignment("p", "g", false, SurfaceFilter.Id, mode) };

        var applies = AppConfigurationDelivery.AppliesTo(assignments, [Edge], Edge, new HashSet<string> { "g" }, Filters, Facts(manufacturer));

        Assert.Equal(expected, applies);
    }

    [Fact]
    public void AppliesTo_FilteredOutGroupAndUnfilteredGroup_OneIncludedGroupIsEnough()
    {
        var assignments = new[]
        {
            new AppConfigurationAssignment("p", "filtered", false, SurfaceFilter.Id, AssignmentFilterMode.Include),
            new AppConfigurationAssignment("p", "plain", false),
        };

        var applies = AppConfigurationDelivery.AppliesTo(assignments, [Edge], Edge, new HashSet<string> { "filtered", "plain" }, Filters, Facts("Contoso"));

        Assert.True(applies);
    }

    [Fact]
    public void AppliesTo_FilterLetsThroughButUserExcluded_ExclusionWins()
    {
        var assignments = new[]
        {
            new AppConfigurationAssignment("p", "included", false, SurfaceFilter.Id, AssignmentFilterMode.Include),
            new AppConfigurationAssignment("p", "excluded", true),
        };

        var applies = AppConfigurationDelivery.AppliesTo(assignments, [Edge], Edge, new HashSet<string> { "included", "excluded" }, Filters, Facts("Microsoft Corporation"));

        Assert.False(applies);
    }

    [Fact]
    public void Compute_FilterKeepsOnePolicyOut_OnlyTheOtherIsDelivered()
    {
        var filtered = new AppConfigurationForDelivery("a", "Surface home", [new AppConfigurationAssignment("a", "g", false, SurfaceFilter.Id, AssignmentFilterMode.Include)],
            [Edge], [new AppConfigSetting("HomepageLocation", "https://surface.contoso.com")]);
        var plain = Policy("b", "Everyone", "g", new AppConfigSetting("PasswordManagerEnabled", "false"));

        var result = AppConfigurationDelivery.Compute([filtered, plain], Edge, new HashSet<string> { "g" }, Megan, Filters, Facts("Lenovo"));

        Assert.Equal(["b"], result.Policies.Select(p => p.Id));
        Assert.Equal([new AppConfigSetting("PasswordManagerEnabled", "false")], result.Settings);
    }

    [Fact]
    public void AppliesTo_OtherApp_False()
    {
        var applies = AppConfigurationDelivery.AppliesTo([new AppConfigurationAssignment("p", "g", false)], [Edge], "com.contoso.other", new HashSet<string> { "g" });

        Assert.False(applies);
    }

    [Fact]
    public void Compute_TwoPoliciesDifferentValues_SettingWithheldAndConflictReported()
    {
        var policies = new[]
        {
            Policy("a", "Contoso home", "g1", new AppConfigSetting("HomepageLocation", "https://contoso.com"), new AppConfigSetting("PasswordManagerEnabled", "false")),
            Policy("b", "Fabrikam home", "g2", new AppConfigSetting("HomepageLocation", "https://fabrikam.com"), new AppConfigSetting("PasswordManagerEnabled", "false")),
        };

        var result = AppConfigurationDelivery.Compute(policies, Edge, new HashSet<string> { "g1", "g2" }, Megan);

        Assert.Equal(["a", "b"], result.Policies.Select(p => p.Id));
        Assert.Equal([new AppConfigSetting("PasswordManagerEnabled", "false")], result.Settings);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("HomepageLocation", conflict.Name);
        Assert.Equal(["https://contoso.com", "https://fabrikam.com"], conflict.Values.Select(v => v.Value));
        Assert.Equal("HomepageLocation: Contoso home (https://contoso.com), Fabrikam home (https://fabrikam.com)", conflict.Describe());
    }

    [Fact]
    public void Compute_TokensReplacedBeforeComparing_SameResultIsNoConflict()
    {
        var policies = new[]
        {
            Policy("a", "A", "g1", new AppConfigSetting("signIn", "{{userprincipalname}}")),
            Policy("b", "B", "g1", new AppConfigSetting("signIn", "{{mail}}")),
        };

        var result = AppConfigurationDelivery.Compute(policies, Edge, new HashSet<string> { "g1" }, Megan);

        Assert.Empty(result.Conflicts);
        Assert.Equal([new AppConfigSetting("signIn", "megan.bowen@contoso.com")], result.Settings);
    }

    [Fact]
    public void Compute_UserInNoIncludedGroup_NothingDelivered()
    {
        var policies = new[] { Policy("a", "A", "g1", new AppConfigSetting("HomepageLocation", "https://contoso.com")) };

        var result = AppConfigurationDelivery.Compute(policies, Edge, new HashSet<string> { "other" }, Megan);

        Assert.Empty(result.Policies);
        Assert.Empty(result.Settings);
        Assert.Empty(result.Conflicts);
    }

    private static AppConfigurationForDelivery Policy(string id, string name, string groupId, params AppConfigSetting[] settings) =>
        new(id, name, [new AppConfigurationAssignment(id, groupId, false)], [Edge], settings);
}
