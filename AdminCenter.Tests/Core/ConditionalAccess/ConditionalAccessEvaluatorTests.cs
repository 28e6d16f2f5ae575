using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Tests.Core.ConditionalAccess;

public sealed class ConditionalAccessEvaluatorTests
{
    private const string Included = "group-included";
    private const string Excluded = "group-excluded";
    private const string Resource = "SharePoint Online";
    private const string UseEdge = "Use Microsoft Edge and sign in with your work profile to access SharePoint Online";
    private const string MinOsRemediation = "Update Windows to 10.0.22621.2506 or later";

    public enum SignInCase
    {
        NotTargeted,
        PolicyOff,
        UnmanagedClient,
        NoApplicablePolicy,
        NotRegistered,
        Allow,
        Warn,
        Block,
        Wipe,
        ReportOnlyWouldBlock,
        ReportOnlyWouldGrant,
        ExclusionWins,
    }

    public static TheoryData<SignInCase, bool, bool, string, string?> Cases => new()
    {
        // case, granted, reportOnly, a reason, a remediation step (null: none)
        { SignInCase.NotTargeted, true, false, ConditionalAccessTexts.UserNotIncluded, null },
        { SignInCase.PolicyOff, true, false, ConditionalAccessTexts.PolicyOff, null },
        { SignInCase.UnmanagedClient, false, false, ConditionalAccessTexts.UnmanagedApp("com.google.chrome"), UseEdge },
        { SignInCase.NoApplicablePolicy, false, false, ConditionalAccessTexts.NoPolicyApplies, UseEdge },
        { SignInCase.NotRegistered, false, false, ConditionalAccessTexts.NotRegistered, UseEdge },
        { SignInCase.Allow, true, false, ConditionalAccessTexts.OutcomeAllowed, null },
        { SignInCase.Warn, true, false, ConditionalAccessTexts.OutcomeWarned, "Update Microsoft Edge" },
        { SignInCase.Block, false, false, "Edge level 2: Min OS version expected 10.0.22621.2506 or later, actual 10.0.19045 (Block access)", MinOsRemediation },
        { SignInCase.Wipe, false, false, ConditionalAccessTexts.OutcomeWipePending, ConditionalAccessTexts.WipePendingRemediation },
        { SignInCase.ReportOnlyWouldBlock, true, true, "Edge level 2: Min OS version expected 10.0.22621.2506 or later, actual 10.0.19045 (Block access)", MinOsRemediation },
        { SignInCase.ReportOnlyWouldGrant, true, false, ConditionalAccessTexts.OutcomeAllowed, null },
        { SignInCase.ExclusionWins, true, false, ConditionalAccessTexts.UserExcluded, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_Case_GivesTheSpecsDecision(SignInCase @case, bool granted, bool reportOnly, string reason, string? remediation)
    {
        var input = InputFor(@case);

        var decision = ConditionalAccessEvaluator.Evaluate(input);

        Assert.Equal(granted, decision.Granted);
        Assert.Equal(reportOnly, decision.ReportOnly);
        Assert.Contains(reason, decision.Reasons);
        if (remediation is null)
        {
            Assert.Empty(decision.Remediation);
        }
        else
        {
            Assert.Contains(remediation, decision.Remediation);
        }
    }

    [Fact]
    public void Evaluate_Block_ListsOnlyFailedChecksRemediationWorstFirstWithoutDuplicates()
    {
        var input = Targeted(ConditionalAccessState.On) with
        {
            Registration = new RegistrationStatus(EvaluationOutcome.Block,
            [
                Reason("minimumRequiredOsVersion", EvaluationOutcome.Block, MinOsRemediation),
                Reason("minimumWipeOsVersion", EvaluationOutcome.Block, MinOsRemediation),
                Reason("minimumWarningAppVersion", EvaluationOutcome.Warn, "Update Microsoft Edge"),
                Reason("maximumAllowedDeviceThreatLevel", EvaluationOutcome.Allow, "partner data ignored: no connector"),
            ]),
        };

        var decision = ConditionalAccessEvaluator.Evaluate(input);

        Assert.False(decision.Granted);
        Assert.Equal([MinOsRemediation, "Update Microsoft Edge"], decision.Remediation);
        Assert.Equal(ConditionalAccessTexts.OutcomeBlocked, decision.Reasons[0]);
        Assert.Equal(5, decision.Reasons.Count);
    }

    [Theory]
    [InlineData(ConditionalAccessState.Off)]
    [InlineData(ConditionalAccessState.ReportOnly)]
    [InlineData(ConditionalAccessState.On)]
    public void Evaluate_UserInNoGroup_IsGrantedWhateverTheState(ConditionalAccessState state)
    {
        var input = Targeted(state) with { UserGroupIds = new HashSet<string>(), ClientAppId = "com.google.chrome" };

        var decision = ConditionalAccessEvaluator.Evaluate(input);

        Assert.True(decision.Granted);
        Assert.False(decision.ReportOnly);
        Assert.False(decision.WouldBlock);
    }

    [Fact]
    public void Evaluate_UnmanagedClientInReportOnly_IsGrantedButWouldBlock()
    {
        var input = Targeted(ConditionalAccessState.ReportOnly) with { ClientAppId = "com.google.chrome" };

        var decision = ConditionalAccessEvaluator.Evaluate(input);

        Assert.True(decision.Granted);
        Assert.True(decision.WouldBlock);
        Assert.Equal([UseEdge], decision.Remediation);
    }

    private static ConditionalAccessInput InputFor(SignInCase @case) => @case switch
    {
        SignInCase.NotTargeted => Targeted(ConditionalAccessState.On) with { UserGroupIds = new HashSet<string> { "some-other-group" } },
        SignInCase.PolicyOff => Targeted(ConditionalAccessState.Off) with { ClientAppId = "com.google.chrome" },
        SignInCase.UnmanagedClient => Targeted(ConditionalAccessState.On) with { ClientAppId = "com.google.chrome" },
        SignInCase.NoApplicablePolicy => Targeted(ConditionalAccessState.On) with { AnyAppProtectionPolicyApplies = false, Registration = null },
        SignInCase.NotRegistered => Targeted(ConditionalAccessState.On) with { Registration = null },
        SignInCase.Allow => Targeted(ConditionalAccessState.On),
        SignInCase.Warn => Targeted(ConditionalAccessState.On) with
        {
            Registration = new(EvaluationOutcome.Warn, [Reason("minimumWarningAppVersion", EvaluationOutcome.Warn, "Update Microsoft Edge")]),
        },
        SignInCase.Block => Blocked(ConditionalAccessState.On),
        SignInCase.Wipe => Targeted(ConditionalAccessState.On) with
        {
            Registration = new(EvaluationOutcome.Wipe, [Reason(EvaluationExplainer.DisabledAccountSetting, EvaluationOutcome.Wipe, EvaluationTexts.DisabledAccountRemediation)]),
        },
        SignInCase.ReportOnlyWouldBlock => Blocked(ConditionalAccessState.ReportOnly),
        SignInCase.ReportOnlyWouldGrant => Targeted(ConditionalAccessState.ReportOnly),
        SignInCase.ExclusionWins => Blocked(ConditionalAccessState.On) with { UserGroupIds = new HashSet<string> { Included, Excluded } },
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    /// <summary>A user in the included group signing in from Edge, whose registration app protection allows.</summary>
    private static ConditionalAccessInput Targeted(ConditionalAccessState state) => new(
        new ConditionalAccessPolicySettings(state, [Included], [Excluded]),
        new HashSet<string> { Included },
        WindowsPolicyDraft.EdgeAppId,
        Resource,
        AnyAppProtectionPolicyApplies: true,
        new RegistrationStatus(EvaluationOutcome.Allow, []));

    private static ConditionalAccessInput Blocked(ConditionalAccessState state) => Targeted(state) with
    {
        Registration = new(EvaluationOutcome.Block, [Reason("minimumRequiredOsVersion", EvaluationOutcome.Block, MinOsRemediation)]),
    };

    private static ExplainedReason Reason(string setting, EvaluationOutcome action, string remediation) =>
        new("policy-1", "Edge level 2", setting, "10.0.22621.2506 or later", "10.0.19045", action, remediation);
}
