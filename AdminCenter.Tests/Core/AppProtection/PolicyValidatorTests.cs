using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;

namespace AdminCenter.Tests.Core.AppProtection;

public sealed class PolicyValidatorTests
{
    private const string GroupA = "6f1c2b9e-0d1a-4c55-9a0e-3b7f1d2c4e5a";
    private const string GroupB = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    /// <summary>A draft that passes every rule; each test breaks one.</summary>
    private static WindowsPolicyDraft ValidDraft() => PolicyTemplates.Create(PolicyTemplateLevel.Level2Enhanced) with
    {
        DisplayName = "Edge for contractors",
        IncludedGroupIds = [GroupA],
        ExcludedGroupIds = [GroupB],
    };

    [Fact]
    public void Validate_DraftFollowingEveryRule_HasNoProblem()
    {
        var draft = ValidDraft();

        var problems = PolicyValidator.Validate(draft, ["Edge for employees"]);

        Assert.Empty(problems);
    }

    // ---- Basics ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void ValidateBasics_NameEmptyAfterTrim_IsRequired(string name)
    {
        var draft = ValidDraft() with { DisplayName = name };

        var problems = PolicyValidator.ValidateBasics(draft, []);

        Assert.Equal([new ValidationProblem("displayName", "Name is required.")], problems);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    public void ValidateBasics_NameOf1To256Characters_IsAccepted(int length)
    {
        var draft = ValidDraft() with { DisplayName = "  " + new string('n', length) + "  " };

        var problems = PolicyValidator.ValidateBasics(draft, []);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(257)]
    [InlineData(1000)]
    public void ValidateBasics_NameLongerThan256Characters_IsRefused(int length)
    {
        var draft = ValidDraft() with { DisplayName = new string('n', length) };

        var problems = PolicyValidator.ValidateBasics(draft, []);

        Assert.Equal([new ValidationProblem("displayName", $"Name must be 256 characters or fewer (it has {length}).")], problems);
    }

    [Theory]
    [InlineData("Edge policy", "Edge policy")]
    [InlineData("Edge policy", "EDGE POLICY")]
    [InlineData("  edge Policy  ", "Edge policy")]
    [InlineData("Edge policy", " edge policy ")]
    public void ValidateBasics_NameOfAnotherPolicyIgnoringCaseAndSpaces_IsAConflict(string name, string existing)
    {
        var draft = ValidDraft() with { DisplayName = name };

        var problems = PolicyValidator.ValidateBasics(draft, ["Other", existing]);

        var problem = Assert.Single(problems);
        Assert.Equal("displayName", problem.Field);
        Assert.Equal($"A Windows policy named '{name.Trim()}' already exists", problem.Message);
        Assert.True(problem.IsConflict);
    }

    [Theory]
    [InlineData("Edge policy", "Edge policy 2")]
    [InlineData("Edge policy", "Edgepolicy")]
    [InlineData("Edge policy", "")]
    public void ValidateBasics_NameUnlikeEveryOtherPolicy_IsAccepted(string name, string existing)
    {
        var draft = ValidDraft() with { DisplayName = name };

        var problems = PolicyValidator.ValidateBasics(draft, [existing]);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Level 2 enhanced data protection (data protection framework)")]
    public void ValidateBasics_OptionalDescription_IsAccepted(string? description)
    {
        var draft = ValidDraft() with { Description = description };

        var problems = PolicyValidator.ValidateBasics(draft, []);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    [InlineData(5000, false)]
    public void ValidateBasics_DescriptionLength_IsAtMost1024(int length, bool accepted)
    {
        var draft = ValidDraft() with { Description = new string('d', length) + "   " };

        var problems = PolicyValidator.ValidateBasics(draft, []);

        if (accepted)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Equal([new ValidationProblem("description", $"Description must be 1024 characters or fewer (it has {length}).")], problems);
        }
    }

    [Fact]
    public void ValidateBasics_EmptyNameAndLongDescription_ReportsBoth()
    {
        var draft = ValidDraft() with { DisplayName = "", Description = new string('d', 1025) };

        var problems = PolicyValidator.ValidateBasics(draft, []);

        Assert.Equal(["displayName", "description"], problems.Select(p => p.Field));
    }

    // ---- Apps ----

    [Fact]
    public void ValidateApps_NoApp_AsksToSelectOne()
    {
        var draft = ValidDraft() with { Apps = [] };

        var problems = PolicyValidator.ValidateApps(draft);

        Assert.Equal([new ValidationProblem("apps", "Select at least one app")], problems);
    }

    [Fact]
    public void ValidateApps_MicrosoftEdge_IsAccepted()
    {
        var draft = ValidDraft() with { Apps = ["com.microsoft.edge"] };

        var problems = PolicyValidator.ValidateApps(draft);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("com.microsoft.office.outlook")]
    [InlineData("COM.MICROSOFT.EDGE")]
    [InlineData(" com.microsoft.edge")]
    [InlineData("")]
    public void ValidateApps_AppOtherThanEdge_IsRefusedNamingIt(string app)
    {
        var draft = ValidDraft() with { Apps = ["com.microsoft.edge", app] };

        var problems = PolicyValidator.ValidateApps(draft);

        Assert.Equal(
            [new ValidationProblem("apps", $"'{app}' is not an app Windows app protection policies can target; only Microsoft Edge (com.microsoft.edge) can be selected.")],
            problems);
    }

    [Fact]
    public void ValidateApps_EdgeTwice_IsRefused()
    {
        var draft = ValidDraft() with { Apps = ["com.microsoft.edge", "com.microsoft.edge"] };

        var problems = PolicyValidator.ValidateApps(draft);

        Assert.Equal([new ValidationProblem("apps", "Microsoft Edge is selected more than once.")], problems);
    }

    // ---- Health checks ----

    [Fact]
    public void ValidateHealthChecks_ProblemAtARow_IsReportedOnThatRowsField()
    {
        var draft = ValidDraft() with
        {
            HealthChecks =
            [
                new(HealthCheckSetting.OfflineGracePeriod, "720", HealthCheckAction.Block),
                new(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "low", HealthCheckAction.Warn),
                new(HealthCheckSetting.MinOsVersion, "22631.3155", HealthCheckAction.Block),
            ],
        };

        var problems = PolicyValidator.ValidateHealthChecks(draft);

        Assert.Equal(
            [
                new ValidationProblem("healthChecks[1]", "Max allowed device threat level supports Block access or Wipe data only"),
                new ValidationProblem("healthChecks[2]", "'22631.3155' looks like a build number, not a full version. Write the full version, for example 10.0.22631.3155"),
            ],
            problems);
    }

    [Theory]
    [InlineData(0, "healthChecks[0]")]
    [InlineData(12, "healthChecks[12]")]
    public void HealthCheckField_RowIndex_IsTheIndexedFieldName(int index, string field)
    {
        var name = PolicyValidator.HealthCheckField(index);

        Assert.Equal(field, name);
    }

    [Fact]
    public void ValidateHealthChecks_EveryHealthCheckProblem_IsMappedOneToOne()
    {
        HealthCheckRow[] rows =
        [
            new(HealthCheckSetting.MinOsVersion, "10.0.5", HealthCheckAction.Block),
            new(HealthCheckSetting.MaxOsVersion, "10.0.1", HealthCheckAction.Block),
            new(HealthCheckSetting.MinOsVersion, "10.0.6", HealthCheckAction.Block),
        ];
        var draft = ValidDraft() with { HealthChecks = rows };

        var problems = PolicyValidator.ValidateHealthChecks(draft);

        Assert.Equal(
            HealthChecks.Validate(rows).Select(p => ($"healthChecks[{p.RowIndex}]", p.Message)),
            problems.Select(p => (p.Field, p.Message)));
        Assert.All(problems, p => Assert.False(p.IsConflict));
    }

    [Fact]
    public void ValidateHealthChecks_NoRows_IsAccepted()
    {
        var draft = ValidDraft() with { HealthChecks = [] };

        var problems = PolicyValidator.ValidateHealthChecks(draft);

        Assert.Empty(problems);
    }

    // ---- Scope tags ----

    [Fact]
    public void ValidateScopeTags_Default_IsAccepted()
    {
        var draft = ValidDraft() with { RoleScopeTagIds = ["0"] };

        var problems = PolicyValidator.ValidateScopeTags(draft);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateScopeTags_None_AsksToSelectOne()
    {
        var draft = ValidDraft() with { RoleScopeTagIds = [] };

        var problems = PolicyValidator.ValidateScopeTags(draft);

        Assert.Equal([new ValidationProblem("roleScopeTagIds", "Select at least one scope tag (Default).")], problems);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Default")]
    [InlineData("")]
    public void ValidateScopeTags_UnknownTag_IsRefused(string tag)
    {
        var draft = ValidDraft() with { RoleScopeTagIds = ["0", tag] };

        var problems = PolicyValidator.ValidateScopeTags(draft);

        Assert.Equal([new ValidationProblem("roleScopeTagIds", $"Scope tag '{tag}' does not exist; the only scope tag is Default.")], problems);
    }

    [Fact]
    public void ValidateScopeTags_DefaultTwice_IsRefused()
    {
        var draft = ValidDraft() with { RoleScopeTagIds = ["0", "0"] };

        var problems = PolicyValidator.ValidateScopeTags(draft);

        Assert.Equal([new ValidationProblem("roleScopeTagIds", "Scope tag Default is selected more than once.")], problems);
    }

    // ---- Assignments ----

    [Theory]
    [InlineData(new string[0], new string[0])]
    [InlineData(new[] { GroupA }, new string[0])]
    [InlineData(new string[0], new[] { GroupB })]
    [InlineData(new[] { GroupA }, new[] { GroupB })]
    [InlineData(new[] { GroupA, GroupB }, new string[0])]
    public void ValidateAssignments_DistinctGroups_AreAccepted(string[] included, string[] excluded)
    {
        var draft = ValidDraft() with { IncludedGroupIds = included, ExcludedGroupIds = excluded };

        var problems = PolicyValidator.ValidateAssignments(draft);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(GroupA, GroupA)]
    [InlineData(GroupA, "6F1C2B9E-0D1A-4C55-9A0E-3B7F1D2C4E5A")]
    public void ValidateAssignments_GroupBothIncludedAndExcluded_IsRefusedNamingIt(string includedId, string excludedId)
    {
        var draft = ValidDraft() with { IncludedGroupIds = [GroupB, includedId], ExcludedGroupIds = [excludedId] };

        var problems = PolicyValidator.ValidateAssignments(draft);

        var problem = Assert.Single(problems);
        Assert.Equal("assignments", problem.Field);
        Assert.Equal($"Group '{includedId}' is both included and excluded; a group can be one or the other.", problem.Message);
        Assert.Contains("both included and excluded", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { GroupA, GroupA }, new string[0], "Group '" + GroupA + "' is included more than once.")]
    [InlineData(new string[0], new[] { GroupB, GroupB }, "Group '" + GroupB + "' is excluded more than once.")]
    [InlineData(new[] { GroupA, "6F1C2B9E-0D1A-4C55-9A0E-3B7F1D2C4E5A" }, new string[0], "Group '6F1C2B9E-0D1A-4C55-9A0E-3B7F1D2C4E5A' is included more than once.")]
    [InlineData(new[] { "" }, new string[0], "An included group has no id.")]
    [InlineData(new string[0], new[] { "  " }, "An excluded group has no id.")]
    public void ValidateAssignments_DuplicateOrEmptyGroup_IsRefused(string[] included, string[] excluded, string message)
    {
        var draft = ValidDraft() with { IncludedGroupIds = included, ExcludedGroupIds = excluded };

        var problems = PolicyValidator.ValidateAssignments(draft);

        Assert.Equal([new ValidationProblem("assignments", message)], problems);
    }

    [Fact]
    public void ValidateAssignments_GroupIncludedTwiceAndExcluded_ReportsTheDuplicateAndTheClashOnce()
    {
        var draft = ValidDraft() with { IncludedGroupIds = [GroupA, GroupA], ExcludedGroupIds = [GroupA] };

        var problems = PolicyValidator.ValidateAssignments(draft);

        Assert.Equal(
            [
                new ValidationProblem("assignments", $"Group '{GroupA}' is included more than once."),
                new ValidationProblem("assignments", $"Group '{GroupA}' is both included and excluded; a group can be one or the other."),
            ],
            problems);
    }

    // ---- Validate = every step ----

    [Fact]
    public void Validate_ProblemsInEveryStep_ReportsThemInStepOrder()
    {
        var draft = new WindowsPolicyDraft
        {
            DisplayName = "Taken",
            Apps = [],
            HealthChecks = [new(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "low", HealthCheckAction.Warn)],
            RoleScopeTagIds = [],
            IncludedGroupIds = [GroupA],
            ExcludedGroupIds = [GroupA],
        };

        var problems = PolicyValidator.Validate(draft, ["taken"]);

        Assert.Equal(["displayName", "apps", "healthChecks[0]", "roleScopeTagIds", "assignments"], problems.Select(p => p.Field));
    }

    [Fact]
    public void Validate_AnyDraft_IsTheUnionOfTheStepValidators()
    {
        var draft = new WindowsPolicyDraft
        {
            DisplayName = "",
            Description = new string('d', 2000),
            Apps = ["com.contoso.app"],
            HealthChecks = [new(HealthCheckSetting.OfflineGracePeriod, "0", HealthCheckAction.Wipe)],
            RoleScopeTagIds = ["7"],
            IncludedGroupIds = [GroupA, GroupA],
        };
        string[] others = ["x"];

        var problems = PolicyValidator.Validate(draft, others);

        Assert.Equal(
            [
                .. PolicyValidator.ValidateBasics(draft, others),
                .. PolicyValidator.ValidateApps(draft),
                .. PolicyValidator.ValidateHealthChecks(draft),
                .. PolicyValidator.ValidateScopeTags(draft),
                .. PolicyValidator.ValidateAssignments(draft),
            ],
            problems);
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void ValidateSteps_ProblemInOneStep_DoesNotLeakIntoTheOthers()
    {
        var draft = ValidDraft() with { Apps = [] };

        var basics = PolicyValidator.ValidateBasics(draft, []);
        var healthChecks = PolicyValidator.ValidateHealthChecks(draft);
        var scopeTags = PolicyValidator.ValidateScopeTags(draft);
        var assignments = PolicyValidator.ValidateAssignments(draft);

        Assert.Empty(basics);
        Assert.Empty(healthChecks);
        Assert.Empty(scopeTags);
        Assert.Empty(assignments);
        Assert.Single(PolicyValidator.ValidateApps(draft));
    }

    [Theory]
    [InlineData("", "Name is required.")]
    [InlineData("  edge FINANCE ", "A Windows policy named 'edge FINANCE' already exists")]
    [InlineData("Edge sales", null)]
    public void CheckDisplayName_Name_IsTheBasicsRuleAtTheField(string name, string? expected)
    {
        var message = PolicyValidator.CheckDisplayName(name, ["Edge finance"]);

        Assert.Equal(expected, message);
    }

    [Fact]
    public void CheckDescription_TooLong_SaysTheLimit()
    {
        var message = PolicyValidator.CheckDescription(new string('d', 1025));

        Assert.Equal("Description must be 1024 characters or fewer (it has 1025).", message);
        Assert.Null(PolicyValidator.CheckDescription(null));
    }
}
