using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;

namespace AdminCenter.Tests.Core.AppConfiguration;

public sealed class AppConfigurationValidatorTests
{
    private static readonly AppConfigurationDraft Valid = new() { DisplayName = "Edge home page", Apps = [WindowsPolicyDraft.EdgeAppId] };

    [Fact]
    public void ValidateBasics_NameTakenInOtherCase_Conflict()
    {
        var problems = AppConfigurationValidator.ValidateBasics(Valid, ["EDGE HOME PAGE"]);

        var problem = Assert.Single(problems);
        Assert.Equal(AppConfigurationValidator.DisplayNameField, problem.Field);
        Assert.True(problem.IsConflict);
    }

    [Fact]
    public void ValidateBasics_NoAppSelected_AppsProblem()
    {
        var problems = AppConfigurationValidator.ValidateBasics(Valid with { Apps = [] }, []);

        Assert.Equal(AppConfigurationValidator.AppsField, Assert.Single(problems).Field);
    }

    [Fact]
    public void ValidateSettings_InvalidEdgeValue_ProblemAtThatSetting()
    {
        var draft = Valid with { EdgeSettings = [new AppConfigSetting("HomepageLocation", "contoso")] };

        var problem = Assert.Single(AppConfigurationValidator.ValidateSettings(draft));

        Assert.Equal(AppConfigurationValidator.EdgeSettingField("HomepageLocation"), problem.Field);
        Assert.Contains("http or https URL", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "x", "generalSettings[0].name", "Name is required.")]
    [InlineData("com.contoso.key", "", "generalSettings[0].value", "Value is required.")]
    [InlineData("homepagelocation", "https://contoso.com", "generalSettings[0].name", "HomepageLocation is an Edge configuration setting")]
    [InlineData("com.contoso.key", "{{upn}}", "generalSettings[0].value", "{{upn}}, which is not a token")]
    public void ValidateSettings_BadGeneralRow_ProblemAtItsField(string name, string value, string field, string message)
    {
        var draft = Valid with { GeneralSettings = [new AppConfigSetting(name, value)] };

        var problem = Assert.Single(AppConfigurationValidator.ValidateSettings(draft));

        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSettings_GeneralNameTwice_SecondRowRefused()
    {
        var draft = Valid with { GeneralSettings = [new AppConfigSetting("key", "1"), new AppConfigSetting("key", "2")] };

        var problem = Assert.Single(AppConfigurationValidator.ValidateSettings(draft));

        Assert.Equal(AppConfigurationValidator.GeneralNameField(1), problem.Field);
    }

    [Fact]
    public void ValidateAssignments_GroupBothIncludedAndExcluded_Refused()
    {
        var problems = AppConfigurationValidator.ValidateAssignments(Valid with { IncludedGroupIds = ["g"], ExcludedGroupIds = ["g"] });

        Assert.Equal(AppConfigurationValidator.AssignmentsField, Assert.Single(problems).Field);
    }

    [Fact]
    public void WithCustomSettings_CatalogNamesAreEdgeSettings_OthersGeneral()
    {
        var draft = Valid.WithCustomSettings([new AppConfigSetting("HomepageLocation", "https://contoso.com"), new AppConfigSetting("com.contoso.key", "v")]);

        Assert.Equal(["HomepageLocation"], draft.EdgeSettings.Select(s => s.Name));
        Assert.Equal(["com.contoso.key"], draft.GeneralSettings.Select(s => s.Name));
    }
}
