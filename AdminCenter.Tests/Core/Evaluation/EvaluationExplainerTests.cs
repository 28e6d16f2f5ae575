using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Tests.Core.Evaluation;

public sealed class EvaluationExplainerTests
{
    [Theory]
    [InlineData("minimumWarningAppVersion", "131.0", "130.0.2849.46", "131.0 or later", "130.0.2849.46", EvaluationOutcome.Warn,
        "Update Microsoft Edge to version 131.0 or later")]
    [InlineData("minimumRequiredAppVersion", "120.0", "119.0", "120.0 or later", "119.0", EvaluationOutcome.Block,
        "Update Microsoft Edge to version 120.0 or later")]
    [InlineData("minimumWipeAppVersion", " 100.0.1 ", "99.0.0.0", "100.0.1 or later", "99.0", EvaluationOutcome.Wipe,
        "Update Microsoft Edge to version 100.0.1 or later")]
    [InlineData("minimumRequiredSdkVersion", "2.0", "1.2.3", "2.0 or later", "1.2.3", EvaluationOutcome.Block,
        "Update Microsoft Edge to its latest version: it must include app protection SDK version 2.0 or later")]
    [InlineData("minimumWipeSdkVersion", "1.0", "0.9", "1.0 or later", "0.9", EvaluationOutcome.Wipe,
        "Update Microsoft Edge to its latest version: it must include app protection SDK version 1.0 or later")]
    [InlineData("minimumWarningOsVersion", "10.0.26100", "10.0.22631.3155", "10.0.26100 or later", "10.0.22631.3155", EvaluationOutcome.Warn,
        "Update Windows to version 10.0.26100 or later")]
    [InlineData("minimumRequiredOsVersion", "10.0.22621.2506", "10.0.19045", "10.0.22621.2506 or later", "10.0.19045", EvaluationOutcome.Block,
        "Update Windows to version 10.0.22621.2506 or later")]
    [InlineData("minimumWipeOsVersion", "10.0.19045", "10.0.10240.0", "10.0.19045 or later", "10.0.10240", EvaluationOutcome.Wipe,
        "Update Windows to version 10.0.19045 or later")]
    [InlineData("maximumWarningOsVersion", "10.0.22641", "10.0.26200", "10.0.22641 or earlier", "10.0.26200", EvaluationOutcome.Warn,
        "This Windows version (10.0.26200) is newer than your organization allows; contact your IT admin")]
    [InlineData("maximumRequiredOsVersion", "10.0.22641", "10.0.26200", "10.0.22641 or earlier", "10.0.26200", EvaluationOutcome.Block,
        "This Windows version (10.0.26200) is newer than your organization allows; contact your IT admin")]
    [InlineData("maximumWipeOsVersion", "10.0", "11.0.0.1", "10.0 or earlier", "11.0.0.1", EvaluationOutcome.Wipe,
        "This Windows version (11.0.0.1) is newer than your organization allows; contact your IT admin")]
    public void Explain_FailedVersionRow_NamesGraphSettingValuesAndRemediation(
        string setting, string configured, string actual, string expected, string shownActual, EvaluationOutcome action, string remediation)
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").With(setting, configured).Build() };
        var input = new InputBuilder().WithAppVersion(actual).WithSdkVersion(actual).WithOsVersion(actual).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", setting, expected, shownActual, action, remediation), explained);
    }

    [Theory]
    [InlineData("minimumRequiredAppVersion", "120.0", "120.0 or later", EvaluationOutcome.Block,
        "Microsoft Edge did not report its version: update Microsoft Edge to the latest version and open it again")]
    [InlineData("minimumWarningAppVersion", "120.0", "120.0 or later", EvaluationOutcome.Warn,
        "Microsoft Edge did not report its version: update Microsoft Edge to the latest version and open it again")]
    [InlineData("minimumWipeSdkVersion", "1.0", "1.0 or later", EvaluationOutcome.Block,
        "Microsoft Edge did not report its app protection SDK version: update Microsoft Edge to the latest version and open it again")]
    [InlineData("minimumWipeOsVersion", "10.0.19045", "10.0.19045 or later", EvaluationOutcome.Block,
        "Windows did not report its version: install the latest Windows updates, then open Microsoft Edge again")]
    [InlineData("maximumRequiredOsVersion", "10.0.22641", "10.0.22641 or earlier", EvaluationOutcome.Block,
        "Windows did not report its version: install the latest Windows updates, then open Microsoft Edge again")]
    public void Explain_VersionNotReported_NamesFailedRowAndSaysNotReported(
        string setting, string configured, string expected, EvaluationOutcome action, string remediation)
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").With(setting, configured).Build() };
        var input = new InputBuilder().WithAppVersion(null).WithSdkVersion(null).WithOsVersion(null).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", setting, expected, "not reported", action, remediation), explained);
    }

    [Fact]
    public void Explain_DisabledAccount_SaysContactAdmin()
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").WithDisabledAccount(HealthCheckAction.Wipe).Build() };
        var input = new InputBuilder().WithAccountEnabled(false).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", "appActionIfUnableToAuthenticateUser", "account enabled", "account disabled",
            EvaluationOutcome.Wipe, "Your work account is disabled; contact your IT admin"), explained);
    }

    [Theory]
    [InlineData(720, 900.0, "online within 720 minutes", "offline 900 minutes")]
    [InlineData(720, 720.25, "online within 720 minutes", "offline 721 minutes")]
    [InlineData(1, 2.0, "online within 1 minute", "offline 2 minutes")]
    public void Explain_OfflineBlock_ShowsMinutesAndExactRemediation(int limitMinutes, double offlineMinutes, string expected, string actual)
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").WithOfflineBlockMinutes(limitMinutes).Build() };
        var input = new InputBuilder().OfflineFor(TimeSpan.FromMinutes(offlineMinutes)).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", "periodOfflineBeforeAccessCheck", expected, actual, EvaluationOutcome.Block,
            "Offline grace period expired: connect to the internet and open the app"), explained);
    }

    [Theory]
    [InlineData(90, 95.0, "online within 90 days", "offline 95 days")]
    [InlineData(90, 90.5, "online within 90 days", "offline 91 days")]
    [InlineData(1, 1.5, "online within 1 day", "offline 2 days")]
    public void Explain_OfflineWipe_ShowsDays(int limitDays, double offlineDays, string expected, string actual)
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").WithOfflineWipeDays(limitDays).Build() };
        var input = new InputBuilder().OfflineFor(TimeSpan.FromDays(offlineDays)).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", "periodOfflineBeforeWipeIsEnforced", expected, actual, EvaluationOutcome.Wipe,
            EvaluationTexts.OfflineWipeRemediation), explained);
    }

    [Theory]
    [InlineData(DeviceThreatLevel.Low, DeviceThreatLevel.High, HealthCheckAction.Block, "Low or lower", "High",
        "Your device's threat level is High; your organization allows up to Low. Open Windows Security and resolve the threats it reports")]
    [InlineData(DeviceThreatLevel.Secured, DeviceThreatLevel.Low, HealthCheckAction.Wipe, "Secured", "Low",
        "Your device's threat level is Low; your organization allows up to Secured. Open Windows Security and resolve the threats it reports")]
    [InlineData(DeviceThreatLevel.Medium, DeviceThreatLevel.High, HealthCheckAction.Wipe, "Medium or lower", "High",
        "Your device's threat level is High; your organization allows up to Medium. Open Windows Security and resolve the threats it reports")]
    public void Explain_ThreatLevelAboveAllowed_ShowsLevelsAndRemediation(
        DeviceThreatLevel allowed, DeviceThreatLevel reported, HealthCheckAction action, string expected, string actual, string remediation)
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").WithMaxThreatLevel(allowed, action).Build() };
        var input = new InputBuilder().WithThreat(ThreatDataSource.Working, reported).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", "maximumAllowedDeviceThreatLevel", expected, actual,
            EvaluationEngine.ToOutcome(action), remediation), explained);
    }

    [Fact]
    public void Explain_ThreatLevelNotReported_AsksToSignInToWindowsSecurity()
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").WithMaxThreatLevel(DeviceThreatLevel.Low, HealthCheckAction.Wipe).Build() };
        var input = new InputBuilder().WithThreat(ThreatDataSource.Working, null).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", "maximumAllowedDeviceThreatLevel", "Low or lower", "not reported",
            EvaluationOutcome.Block,
            "Open Windows Security and sign in with your work account so your device can report its health"), explained);
    }

    [Theory]
    [InlineData(ThreatDataSource.Missing, "partner data ignored: no Mobile Threat Defense connector evaluates Windows devices")]
    [InlineData(ThreatDataSource.WindowsEvaluationOff, "partner data ignored: Windows app protection evaluation is off on the connector")]
    [InlineData(ThreatDataSource.NotSetUp, "partner data ignored: the connector is Not Set Up")]
    [InlineData(ThreatDataSource.Unavailable, "partner data ignored: the connector is Unavailable")]
    [InlineData(ThreatDataSource.Unresponsive, "partner data ignored: the connector is Unresponsive")]
    [InlineData(ThreatDataSource.Error, "partner data ignored: the connector is in Error")]
    public void Explain_PartnerDataIgnored_SaysWhy(ThreatDataSource source, string remediation)
    {
        var policies = new[] { new PolicyBuilder().Named("p1", "Edge baseline").WithMaxThreatLevel(DeviceThreatLevel.Medium).Build() };
        var input = new InputBuilder().WithThreat(source, DeviceThreatLevel.High).Build();
        var reason = Assert.Single(Evaluator.Run(input, policies).Reasons);

        var explained = EvaluationExplainer.Explain(reason, policies, input);

        Assert.Equal(new ExplainedReason("p1", "Edge baseline", "maximumAllowedDeviceThreatLevel", "Medium or lower", "not evaluated",
            EvaluationOutcome.Allow, remediation), explained);
    }

    [Fact]
    public void Explain_NoPolicyApplies_HasEmptyPolicyAndSetting()
    {
        var input = new InputBuilder().Build();
        var reason = Assert.Single(Evaluator.Run(input).Reasons);

        var explained = EvaluationExplainer.Explain(reason, [], input);

        Assert.Equal(new ExplainedReason("", "", "", "", "no app protection policy applies", EvaluationOutcome.Allow,
            "No app protection policy applies to this app: nothing to do"), explained);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Explain_PolicyIndexOutsidePolicies_Throws(int index)
    {
        var policies = new[] { new PolicyBuilder().WithDisabledAccount(HealthCheckAction.Block).Build() };
        var input = new InputBuilder().Build();
        var reason = new EvaluationReason(ReasonKind.DisabledAccount, index, EvaluationOutcome.Block, HealthCheckAction.Block);

        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationExplainer.Explain(reason, policies, input));
    }

    [Theory]
    [InlineData(10, 0, 0, 0, "10.0")]
    [InlineData(10, 0, 19045, 0, "10.0.19045")]
    [InlineData(10, 0, 0, 1, "10.0.0.1")]
    [InlineData(10, 0, 22621, 2506, "10.0.22621.2506")]
    [InlineData(0, 0, 0, 0, "0.0")]
    public void FormatVersion_TrailingZeroParts_DropsThemDownToMajorMinor(int major, int minor, int build, int revision, string expected)
    {
        var text = EvaluationExplainer.FormatVersion(new AppVersion(major, minor, build, revision));

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Explain_EveryReasonKind_HasSettingAndRemediation()
    {
        // No single input yields every kind (a version cannot be both reported and missing), so three inputs share
        // one policy that configures every check, and an empty policy list adds NoPolicyApplies.
        var policies = new[]
        {
            new PolicyBuilder().Named("p1", "Edge baseline")
                .WithOfflineBlockMinutes(1).WithOfflineWipeDays(1)
                .With("minimumRequiredAppVersion", "999.0").With("minimumRequiredSdkVersion", "999.0")
                .With("minimumRequiredOsVersion", "999.0").With("maximumRequiredOsVersion", "1.0")
                .WithDisabledAccount(HealthCheckAction.Block).WithMaxThreatLevel(DeviceThreatLevel.Secured).Build(),
        };
        EvaluationInput[] inputs =
        [
            new InputBuilder().WithAccountEnabled(false).OfflineFor(TimeSpan.FromDays(2)).WithThreat(ThreatDataSource.Working, DeviceThreatLevel.High).Build(),
            new InputBuilder().WithAppVersion(null).WithSdkVersion(null).WithOsVersion(null).WithThreat(ThreatDataSource.Working, null).Build(),
            new InputBuilder().WithThreat(ThreatDataSource.Error, null).Build(),
        ];
        var explained = new List<(ReasonKind Kind, ExplainedReason Reason)>();

        foreach (var input in inputs)
        {
            foreach (var reason in Evaluator.Run(input, policies).Reasons)
            {
                explained.Add((reason.Kind, EvaluationExplainer.Explain(reason, policies, input)));
            }
        }
        var noPolicy = Assert.Single(Evaluator.Run(inputs[0]).Reasons);
        explained.Add((noPolicy.Kind, EvaluationExplainer.Explain(noPolicy, [], inputs[0])));

        Assert.Equal(Enum.GetValues<ReasonKind>(), explained.Select(e => e.Kind).Distinct().Order());
        Assert.All(explained, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason.Remediation)));
        Assert.All(explained.Where(e => e.Kind != ReasonKind.NoPolicyApplies), e => Assert.NotEqual("", e.Reason.Setting));
    }
}
