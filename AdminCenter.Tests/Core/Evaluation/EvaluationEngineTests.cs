using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Tests.Core.Evaluation;

public sealed class EvaluationEngineTests
{
    [Fact]
    public void Evaluate_NoPolicies_AllowsWithOneNoPolicyAppliesReason()
    {
        var input = new InputBuilder().WithAccountEnabled(false).OfflineFor(TimeSpan.FromDays(400)).Build();

        var (outcome, reasons) = Evaluator.Run(input);

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        var reason = Assert.Single(reasons);
        Assert.Equal(new EvaluationReason(ReasonKind.NoPolicyApplies, -1, EvaluationOutcome.Allow, default), reason);
    }

    [Fact]
    public void Evaluate_PolicyWithoutChecks_AllowsWithNoReasons()
    {
        var input = new InputBuilder().WithAccountEnabled(false).WithOsVersion(null).WithAppVersion(null).WithSdkVersion(null)
            .OfflineFor(TimeSpan.FromDays(400)).WithThreat(ThreatDataSource.Missing, null).Build();

        var (outcome, reasons) = Evaluator.Run(input, new PolicyBuilder().Build());

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        Assert.Empty(reasons);
    }

    [Theory]
    // Min app version: below fails with the row's action; equal and above pass.
    [InlineData("minimumWarningAppVersion", "120.0", "119.9.9.9", ReasonKind.MinAppVersion, HealthCheckAction.Warn)]
    [InlineData("minimumRequiredAppVersion", "120.0", "119.0", ReasonKind.MinAppVersion, HealthCheckAction.Block)]
    [InlineData("minimumWipeAppVersion", "120.0", "100.0.1", ReasonKind.MinAppVersion, HealthCheckAction.Wipe)]
    [InlineData("minimumRequiredSdkVersion", "1.2.3", "1.2.2", ReasonKind.MinSdkVersion, HealthCheckAction.Block)]
    [InlineData("minimumWipeSdkVersion", "1.2", "1.1.999", ReasonKind.MinSdkVersion, HealthCheckAction.Wipe)]
    [InlineData("minimumWarningOsVersion", "10.0.22621.2506", "10.0.22621.2505", ReasonKind.MinOsVersion, HealthCheckAction.Warn)]
    [InlineData("minimumRequiredOsVersion", "10.0.22621.2506", "10.0.19045", ReasonKind.MinOsVersion, HealthCheckAction.Block)]
    [InlineData("minimumWipeOsVersion", "10.0.19045", "10.0.10240", ReasonKind.MinOsVersion, HealthCheckAction.Wipe)]
    [InlineData("maximumWarningOsVersion", "10.0.22641", "10.0.26200", ReasonKind.MaxOsVersion, HealthCheckAction.Warn)]
    [InlineData("maximumRequiredOsVersion", "10.0.22641", "10.0.22641.1", ReasonKind.MaxOsVersion, HealthCheckAction.Block)]
    [InlineData("maximumWipeOsVersion", "10.0", "11.0", ReasonKind.MaxOsVersion, HealthCheckAction.Wipe)]
    // Parts compare as numbers, not text.
    [InlineData("minimumRequiredOsVersion", "10.0.10", "10.0.9", ReasonKind.MinOsVersion, HealthCheckAction.Block)]
    [InlineData("maximumRequiredOsVersion", "10.0.9", "10.0.10", ReasonKind.MaxOsVersion, HealthCheckAction.Block)]
    public void Evaluate_VersionOnFailingSideOfRow_YieldsRowAction(string setting, string configured, string actual, ReasonKind kind, HealthCheckAction action)
    {
        var policy = new PolicyBuilder().With(setting, configured).Build();
        var input = new InputBuilder().WithVersionFor(kind, actual).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationEngine.ToOutcome(action), outcome);
        Assert.Equal([new EvaluationReason(kind, 0, EvaluationEngine.ToOutcome(action), action)], reasons);
    }

    [Theory]
    // Equal versions pass, including missing parts counted as 0 (10.0 = 10.0.0.0).
    [InlineData("minimumRequiredAppVersion", "120.0", "120.0", ReasonKind.MinAppVersion)]
    [InlineData("minimumRequiredAppVersion", "120.0", "120.0.0.0", ReasonKind.MinAppVersion)]
    [InlineData("minimumWarningAppVersion", "120.0.0.0", "120.0", ReasonKind.MinAppVersion)]
    [InlineData("minimumWipeAppVersion", "120.0", "120.0.0.1", ReasonKind.MinAppVersion)]
    [InlineData("minimumRequiredSdkVersion", "1.2.3", "1.2.3.0", ReasonKind.MinSdkVersion)]
    [InlineData("minimumWipeSdkVersion", "1.2", "2.0", ReasonKind.MinSdkVersion)]
    [InlineData("minimumWarningOsVersion", "10.0", "10.0.0.0", ReasonKind.MinOsVersion)]
    [InlineData("minimumRequiredOsVersion", "10.0.22621.2506", "10.0.22621.2506", ReasonKind.MinOsVersion)]
    [InlineData("minimumWipeOsVersion", "10.0.22621.2506", "10.0.22631", ReasonKind.MinOsVersion)]
    [InlineData("maximumWarningOsVersion", "10.0", "10.0.0.0", ReasonKind.MaxOsVersion)]
    [InlineData("maximumRequiredOsVersion", "10.0.22641", "10.0.22641.0", ReasonKind.MaxOsVersion)]
    [InlineData("maximumWipeOsVersion", "10.0.22641", "10.0.22631.3155", ReasonKind.MaxOsVersion)]
    [InlineData("maximumRequiredOsVersion", "10.0.10", "10.0.9", ReasonKind.MaxOsVersion)]
    public void Evaluate_VersionOnPassingSideOrEqual_Allows(string setting, string configured, string actual, ReasonKind kind)
    {
        var policy = new PolicyBuilder().With(setting, configured).Build();
        var input = new InputBuilder().WithVersionFor(kind, actual).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        Assert.Empty(reasons);
    }

    [Theory]
    [InlineData(ReasonKind.MinAppVersion, "minimumWarningAppVersion", "minimumRequiredAppVersion", "minimumWipeAppVersion", "1.0")]
    [InlineData(ReasonKind.MinOsVersion, "minimumWarningOsVersion", "minimumRequiredOsVersion", "minimumWipeOsVersion", "1.0")]
    [InlineData(ReasonKind.MaxOsVersion, "maximumWarningOsVersion", "maximumRequiredOsVersion", "maximumWipeOsVersion", "99.0")]
    public void Evaluate_EveryRowOfSettingFails_YieldsOneReasonPerRowWorstFirst(ReasonKind kind, string warn, string block, string wipe, string actual)
    {
        var policy = new PolicyBuilder().With(warn, "10.0").With(block, "10.0").With(wipe, "10.0").Build();
        var input = new InputBuilder().WithVersionFor(kind, actual).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Wipe, outcome);
        Assert.Equal(
            [
                new EvaluationReason(kind, 0, EvaluationOutcome.Wipe, HealthCheckAction.Wipe),
                new EvaluationReason(kind, 0, EvaluationOutcome.Block, HealthCheckAction.Block),
                new EvaluationReason(kind, 0, EvaluationOutcome.Warn, HealthCheckAction.Warn),
            ],
            reasons);
    }

    [Fact]
    public void Evaluate_VersionBetweenRows_FailsOnlyTheRowsAboveIt()
    {
        var policy = new PolicyBuilder()
            .With("minimumWarningOsVersion", "10.0.26100")
            .With("minimumRequiredOsVersion", "10.0.22621.2506")
            .With("minimumWipeOsVersion", "10.0.19045")
            .Build();
        var input = new InputBuilder().WithOsVersion("10.0.22631.3155").Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Warn, outcome);
        Assert.Equal([new EvaluationReason(ReasonKind.MinOsVersion, 0, EvaluationOutcome.Warn, HealthCheckAction.Warn)], reasons);
    }

    [Theory]
    // Missing or unparsable: Block when the setting has a Block or Wipe row (never Wipe), Warn when it has only Warn.
    [InlineData(ReasonKind.AppVersionNotReported, null, "minimumRequiredAppVersion", null, EvaluationOutcome.Block, HealthCheckAction.Block)]
    [InlineData(ReasonKind.AppVersionNotReported, "", "minimumWipeAppVersion", null, EvaluationOutcome.Block, HealthCheckAction.Wipe)]
    [InlineData(ReasonKind.AppVersionNotReported, "garbage", "minimumWarningAppVersion", null, EvaluationOutcome.Warn, HealthCheckAction.Warn)]
    [InlineData(ReasonKind.AppVersionNotReported, "130", "minimumWarningAppVersion", "minimumWipeAppVersion", EvaluationOutcome.Block, HealthCheckAction.Wipe)]
    [InlineData(ReasonKind.AppVersionNotReported, null, "minimumWipeAppVersion", "minimumRequiredAppVersion", EvaluationOutcome.Block, HealthCheckAction.Block)]
    [InlineData(ReasonKind.SdkVersionNotReported, null, "minimumRequiredSdkVersion", null, EvaluationOutcome.Block, HealthCheckAction.Block)]
    [InlineData(ReasonKind.SdkVersionNotReported, "1.x", "minimumWipeSdkVersion", null, EvaluationOutcome.Block, HealthCheckAction.Wipe)]
    [InlineData(ReasonKind.OsVersionNotReported, null, "minimumRequiredOsVersion", null, EvaluationOutcome.Block, HealthCheckAction.Block)]
    [InlineData(ReasonKind.OsVersionNotReported, null, "minimumWipeOsVersion", null, EvaluationOutcome.Block, HealthCheckAction.Wipe)]
    [InlineData(ReasonKind.OsVersionNotReported, null, "minimumWarningOsVersion", null, EvaluationOutcome.Warn, HealthCheckAction.Warn)]
    [InlineData(ReasonKind.OsVersionNotReported, null, "maximumWarningOsVersion", null, EvaluationOutcome.Warn, HealthCheckAction.Warn)]
    [InlineData(ReasonKind.OsVersionNotReported, "22631.3155.", "maximumWipeOsVersion", null, EvaluationOutcome.Block, HealthCheckAction.Wipe)]
    [InlineData(ReasonKind.OsVersionNotReported, null, "minimumWarningOsVersion", "maximumRequiredOsVersion", EvaluationOutcome.Block, HealthCheckAction.Block)]
    [InlineData(ReasonKind.OsVersionNotReported, null, "minimumWipeOsVersion", "maximumWarningOsVersion", EvaluationOutcome.Block, HealthCheckAction.Wipe)]
    public void Evaluate_VersionNotReported_FailsOncePerValueAndNeverWipes(
        ReasonKind kind, string? actual, string setting, string? otherSetting, EvaluationOutcome expected, HealthCheckAction configured)
    {
        var builder = new PolicyBuilder().With(setting, "10.0");
        if (otherSetting is not null)
        {
            builder.With(otherSetting, otherSetting.StartsWith("maximum", StringComparison.Ordinal) ? "99.0" : "10.0");
        }
        var input = new InputBuilder().WithVersionFor(kind, actual).Build();

        var (outcome, reasons) = Evaluator.Run(input, builder.Build());

        Assert.Equal(expected, outcome);
        Assert.Equal([new EvaluationReason(kind, 0, expected, configured)], reasons);
    }

    [Fact]
    public void Evaluate_EveryOsRowAndOsNotReported_YieldsOneOsVersionNotReported()
    {
        var policy = new PolicyBuilder()
            .With("minimumWarningOsVersion", "10.0.26100").With("minimumRequiredOsVersion", "10.0.22621").With("minimumWipeOsVersion", "10.0.19045")
            .With("maximumWarningOsVersion", "10.0.26200").With("maximumRequiredOsVersion", "10.0.26300").With("maximumWipeOsVersion", "11.0")
            .Build();
        var input = new InputBuilder().WithOsVersion(null).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Block, outcome);
        Assert.Equal([new EvaluationReason(ReasonKind.OsVersionNotReported, 0, EvaluationOutcome.Block, HealthCheckAction.Block)], reasons);
    }

    [Theory]
    [InlineData(ReasonKind.AppVersionNotReported)]
    [InlineData(ReasonKind.SdkVersionNotReported)]
    [InlineData(ReasonKind.OsVersionNotReported)]
    public void Evaluate_VersionNotReportedWithoutRow_Allows(ReasonKind kind)
    {
        var policy = new PolicyBuilder().WithDisabledAccount(HealthCheckAction.Block).Build();
        var input = new InputBuilder().WithVersionFor(kind, null).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        Assert.Empty(reasons);
    }

    [Theory]
    [InlineData(false, HealthCheckAction.Block, EvaluationOutcome.Block)]
    [InlineData(false, HealthCheckAction.Wipe, EvaluationOutcome.Wipe)]
    [InlineData(true, HealthCheckAction.Block, EvaluationOutcome.Allow)]
    [InlineData(true, HealthCheckAction.Wipe, EvaluationOutcome.Allow)]
    public void Evaluate_DisabledAccountRow_FailsOnlyForDisabledUser(bool enabled, HealthCheckAction action, EvaluationOutcome expected)
    {
        var policy = new PolicyBuilder().WithDisabledAccount(action).Build();
        var input = new InputBuilder().WithAccountEnabled(enabled).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(expected, outcome);
        Assert.Equal(expected == EvaluationOutcome.Allow ? [] : [new EvaluationReason(ReasonKind.DisabledAccount, 0, expected, action)], reasons);
    }

    [Fact]
    public void Evaluate_DisabledUserWithoutDisabledAccountRow_Allows()
    {
        var policy = new PolicyBuilder().With("minimumRequiredOsVersion", "10.0").Build();
        var input = new InputBuilder().WithAccountEnabled(false).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        Assert.Empty(reasons);
    }

    public static TheoryData<TimeSpan, EvaluationOutcome, ReasonKind[]> OfflineCases => new()
    {
        // Block after 720 minutes, wipe after 90 days; exactly at a limit is still within it.
        { TimeSpan.Zero, EvaluationOutcome.Allow, [] },
        { TimeSpan.FromMinutes(-30), EvaluationOutcome.Allow, [] },
        { TimeSpan.FromMinutes(720), EvaluationOutcome.Allow, [] },
        { TimeSpan.FromMinutes(720) + TimeSpan.FromTicks(1), EvaluationOutcome.Block, [ReasonKind.OfflineBlock] },
        { TimeSpan.FromMinutes(900), EvaluationOutcome.Block, [ReasonKind.OfflineBlock] },
        { TimeSpan.FromDays(90), EvaluationOutcome.Block, [ReasonKind.OfflineBlock] },
        { TimeSpan.FromDays(90) + TimeSpan.FromTicks(1), EvaluationOutcome.Wipe, [ReasonKind.OfflineWipe, ReasonKind.OfflineBlock] },
        { TimeSpan.FromDays(400), EvaluationOutcome.Wipe, [ReasonKind.OfflineWipe, ReasonKind.OfflineBlock] },
    };

    [Theory]
    [MemberData(nameof(OfflineCases))]
    public void Evaluate_OfflineGracePeriod_BlocksThenWipesPastEachLimit(TimeSpan offline, EvaluationOutcome expected, ReasonKind[] kinds)
    {
        var policy = new PolicyBuilder().WithOfflineBlockMinutes(720).WithOfflineWipeDays(90).Build();
        var input = new InputBuilder().OfflineFor(offline).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(expected, outcome);
        Assert.Equal(kinds, reasons.Select(r => r.Kind));
        Assert.All(reasons, r => Assert.Equal(r.Kind == ReasonKind.OfflineWipe ? HealthCheckAction.Wipe : HealthCheckAction.Block, r.ConfiguredAction));
    }

    [Fact]
    public void Evaluate_OnlyWipeRowPastLimit_WipesWithoutBlockReason()
    {
        var policy = new PolicyBuilder().WithOfflineWipeDays(30).Build();
        var input = new InputBuilder().OfflineFor(TimeSpan.FromDays(31)).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Wipe, outcome);
        Assert.Equal([new EvaluationReason(ReasonKind.OfflineWipe, 0, EvaluationOutcome.Wipe, HealthCheckAction.Wipe)], reasons);
    }

    [Theory]
    [InlineData(ThreatDataSource.Missing)]
    [InlineData(ThreatDataSource.WindowsEvaluationOff)]
    [InlineData(ThreatDataSource.NotSetUp)]
    [InlineData(ThreatDataSource.Unavailable)]
    [InlineData(ThreatDataSource.Unresponsive)]
    [InlineData(ThreatDataSource.Error)]
    public void Evaluate_ThreatSourceNotWorking_SkipsRuleWithPartnerDataIgnored(ThreatDataSource source)
    {
        var policy = new PolicyBuilder().WithMaxThreatLevel(DeviceThreatLevel.Secured, HealthCheckAction.Wipe).Build();
        var input = new InputBuilder().WithThreat(source, DeviceThreatLevel.High).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        Assert.Equal([new EvaluationReason(ReasonKind.PartnerDataIgnored, 0, EvaluationOutcome.Allow, HealthCheckAction.Wipe)], reasons);
    }

    [Theory]
    [InlineData(ThreatDataSource.Missing, null)]
    [InlineData(ThreatDataSource.Working, null)]
    [InlineData(ThreatDataSource.Working, DeviceThreatLevel.High)]
    public void Evaluate_ThreatLevelNotConfigured_IgnoresThreatData(ThreatDataSource source, DeviceThreatLevel? reported)
    {
        var policy = new PolicyBuilder().WithDisabledAccount(HealthCheckAction.Block).Build();
        var input = new InputBuilder().WithThreat(source, reported).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        Assert.Empty(reasons);
    }

    [Theory]
    [InlineData(HealthCheckAction.Block, null)]
    [InlineData(HealthCheckAction.Wipe, null)]
    [InlineData(HealthCheckAction.Wipe, DeviceThreatLevel.NotConfigured)]
    public void Evaluate_WorkingConnectorWithoutReport_BlocksNeverWipes(HealthCheckAction action, DeviceThreatLevel? reported)
    {
        var policy = new PolicyBuilder().WithMaxThreatLevel(DeviceThreatLevel.High, action).Build();
        var input = new InputBuilder().WithThreat(ThreatDataSource.Working, reported).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Block, outcome);
        Assert.Equal([new EvaluationReason(ReasonKind.ThreatLevelNotReported, 0, EvaluationOutcome.Block, action)], reasons);
    }

    public static TheoryData<DeviceThreatLevel, DeviceThreatLevel, HealthCheckAction> ThreatLevelPairs()
    {
        var data = new TheoryData<DeviceThreatLevel, DeviceThreatLevel, HealthCheckAction>();
        DeviceThreatLevel[] levels = [DeviceThreatLevel.Secured, DeviceThreatLevel.Low, DeviceThreatLevel.Medium, DeviceThreatLevel.High];
        foreach (var allowed in levels)
        {
            foreach (var reported in levels)
            {
                data.Add(allowed, reported, HealthCheckAction.Block);
                data.Add(allowed, reported, HealthCheckAction.Wipe);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ThreatLevelPairs))]
    public void Evaluate_ReportedThreatLevel_FailsOnlyAboveAllowed(DeviceThreatLevel allowed, DeviceThreatLevel reported, HealthCheckAction action)
    {
        var policy = new PolicyBuilder().WithMaxThreatLevel(allowed, action).Build();
        var input = new InputBuilder().WithThreat(ThreatDataSource.Working, reported).Build();
        var order = new[] { DeviceThreatLevel.Secured, DeviceThreatLevel.Low, DeviceThreatLevel.Medium, DeviceThreatLevel.High };
        var above = Array.IndexOf(order, reported) > Array.IndexOf(order, allowed);

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(above ? EvaluationEngine.ToOutcome(action) : EvaluationOutcome.Allow, outcome);
        Assert.Equal(above ? [new EvaluationReason(ReasonKind.ThreatLevelAboveAllowed, 0, EvaluationEngine.ToOutcome(action), action)] : [], reasons);
    }

    [Theory]
    [InlineData(DeviceThreatLevel.Secured)]
    [InlineData(DeviceThreatLevel.Low)]
    [InlineData(DeviceThreatLevel.Medium)]
    [InlineData(DeviceThreatLevel.High)]
    public void Evaluate_HighAllowed_AllowsEveryReportedLevel(DeviceThreatLevel reported)
    {
        var policy = new PolicyBuilder().WithMaxThreatLevel(DeviceThreatLevel.High, HealthCheckAction.Wipe).Build();
        var input = new InputBuilder().WithThreat(ThreatDataSource.Working, reported).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy);

        Assert.Equal(EvaluationOutcome.Allow, outcome);
        Assert.Empty(reasons);
    }

    [Theory]
    [InlineData(HealthCheckAction.Warn, HealthCheckAction.Block, EvaluationOutcome.Block)]
    [InlineData(HealthCheckAction.Block, HealthCheckAction.Warn, EvaluationOutcome.Block)]
    [InlineData(HealthCheckAction.Wipe, HealthCheckAction.Warn, EvaluationOutcome.Wipe)]
    [InlineData(HealthCheckAction.Warn, HealthCheckAction.Wipe, EvaluationOutcome.Wipe)]
    [InlineData(HealthCheckAction.Warn, HealthCheckAction.Warn, EvaluationOutcome.Warn)]
    [InlineData(HealthCheckAction.Block, HealthCheckAction.Wipe, EvaluationOutcome.Wipe)]
    public void Evaluate_TwoPoliciesFail_OutcomeIsWorstAndReasonsWorstFirst(HealthCheckAction first, HealthCheckAction second, EvaluationOutcome expected)
    {
        var policies = new[]
        {
            new PolicyBuilder().Named("a", "A").With(MinOsSetting(first), "10.0.26100").Build(),
            new PolicyBuilder().Named("b", "B").With(MinOsSetting(second), "10.0.26100").Build(),
        };
        var input = new InputBuilder().WithOsVersion("10.0.22631").Build();

        var (outcome, reasons) = Evaluator.Run(input, policies);

        Assert.Equal(expected, outcome);
        Assert.Equal(2, reasons.Length);
        Assert.Equal(expected, reasons[0].Action);
        Assert.Equal(reasons.Select(r => r.Action).OrderDescending(), reasons.Select(r => r.Action));
        // Equal actions keep policy order.
        Assert.Equal(first >= second ? 0 : 1, reasons[0].PolicyIndex);
    }

    [Fact]
    public void Evaluate_SecondPolicyFailsOnly_PointsAtSecondPolicy()
    {
        var policies = new[]
        {
            new PolicyBuilder().Named("a", "A").With("minimumRequiredOsVersion", "10.0.19045").Build(),
            new PolicyBuilder().Named("b", "B").With("minimumRequiredOsVersion", "10.0.26100").Build(),
        };
        var input = new InputBuilder().WithOsVersion("10.0.22631").Build();

        var (outcome, reasons) = Evaluator.Run(input, policies);

        Assert.Equal(EvaluationOutcome.Block, outcome);
        Assert.Equal([new EvaluationReason(ReasonKind.MinOsVersion, 1, EvaluationOutcome.Block, HealthCheckAction.Block)], reasons);
    }

    [Fact]
    public void Evaluate_MixedReasonsAcrossPolicies_OrdersWipeBlockWarnThenInformational()
    {
        var first = new PolicyBuilder().Named("a", "A")
            .WithMaxThreatLevel(DeviceThreatLevel.Low)
            .With("minimumWarningAppVersion", "131.0")
            .WithOfflineBlockMinutes(60)
            .Build();
        var second = new PolicyBuilder().Named("b", "B")
            .WithMaxThreatLevel(DeviceThreatLevel.Medium)
            .WithDisabledAccount(HealthCheckAction.Wipe)
            .With("maximumWarningOsVersion", "10.0.22621")
            .With("minimumRequiredSdkVersion", "2.0")
            .Build();
        var input = new InputBuilder()
            .WithAccountEnabled(false)
            .WithAppVersion("130.0")
            .WithSdkVersion("1.0")
            .WithOsVersion("10.0.22631")
            .OfflineFor(TimeSpan.FromMinutes(61))
            .WithThreat(ThreatDataSource.Unresponsive, null)
            .Build();

        var (outcome, reasons) = Evaluator.Run(input, first, second);

        Assert.Equal(EvaluationOutcome.Wipe, outcome);
        Assert.Equal(
            [
                new EvaluationReason(ReasonKind.DisabledAccount, 1, EvaluationOutcome.Wipe, HealthCheckAction.Wipe),
                new EvaluationReason(ReasonKind.OfflineBlock, 0, EvaluationOutcome.Block, HealthCheckAction.Block),
                new EvaluationReason(ReasonKind.MinSdkVersion, 1, EvaluationOutcome.Block, HealthCheckAction.Block),
                new EvaluationReason(ReasonKind.MinAppVersion, 0, EvaluationOutcome.Warn, HealthCheckAction.Warn),
                new EvaluationReason(ReasonKind.MaxOsVersion, 1, EvaluationOutcome.Warn, HealthCheckAction.Warn),
                new EvaluationReason(ReasonKind.PartnerDataIgnored, 0, EvaluationOutcome.Allow, HealthCheckAction.Block),
                new EvaluationReason(ReasonKind.PartnerDataIgnored, 1, EvaluationOutcome.Allow, HealthCheckAction.Block),
            ],
            reasons);
    }

    [Fact]
    public void Evaluate_EveryCheckFails_StaysWithinMaxReasonsPerPolicy()
    {
        // Min OS above Max OS is refused by the wizard, but a stored policy like it must not overflow the span.
        var policy = new PolicyBuilder()
            .WithOfflineBlockMinutes(1).WithOfflineWipeDays(1)
            .With("minimumWarningAppVersion", "999.0").With("minimumRequiredAppVersion", "999.0").With("minimumWipeAppVersion", "999.0")
            .With("minimumRequiredSdkVersion", "999.0").With("minimumWipeSdkVersion", "999.0")
            .WithDisabledAccount(HealthCheckAction.Block)
            .With("minimumWarningOsVersion", "999.0").With("minimumRequiredOsVersion", "999.0").With("minimumWipeOsVersion", "999.0")
            .With("maximumWarningOsVersion", "1.0").With("maximumRequiredOsVersion", "1.0").With("maximumWipeOsVersion", "1.0")
            .WithMaxThreatLevel(DeviceThreatLevel.Secured, HealthCheckAction.Wipe)
            .Build();
        var input = new InputBuilder().WithAccountEnabled(false).OfflineFor(TimeSpan.FromDays(2))
            .WithThreat(ThreatDataSource.Working, DeviceThreatLevel.High).Build();

        var (outcome, reasons) = Evaluator.Run(input, policy, policy);

        Assert.Equal(EvaluationOutcome.Wipe, outcome);
        Assert.Equal(30, reasons.Length);
        Assert.Equal(15, reasons.Count(r => r.PolicyIndex == 0));
        Assert.True(15 < EvaluationEngine.MaxReasonsPerPolicy);
        Assert.Equal(reasons.Select(r => r.Action).OrderDescending(), reasons.Select(r => r.Action));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 16)]
    [InlineData(2, 32)]
    public void Evaluate_ReasonsSpanTooSmall_Throws(int policyCount, int length)
    {
        var policies = Enumerable.Repeat(new PolicyBuilder().Build(), policyCount).ToArray();
        var input = new InputBuilder().Build();

        var error = Assert.Throws<ArgumentException>(() =>
            EvaluationEngine.Evaluate(policies, input, new EvaluationReason[length], out _));

        Assert.Equal("reasons", error.ParamName);
    }

    [Fact]
    public void Evaluate_NullPolicy_Throws()
    {
        var policies = new CompiledPolicy[] { new PolicyBuilder().Build(), null! };
        var input = new InputBuilder().Build();

        var error = Assert.Throws<ArgumentException>(() =>
            EvaluationEngine.Evaluate(policies, input, new EvaluationReason[EvaluationEngine.ReasonCapacity(2)], out _));

        Assert.Equal("policies", error.ParamName);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 17)]
    [InlineData(3, 49)]
    public void ReasonCapacity_PolicyCount_IsSixteenPerPolicyPlusOne(int policyCount, int expected)
    {
        var capacity = EvaluationEngine.ReasonCapacity(policyCount);

        Assert.Equal(expected, capacity);
    }

    [Theory]
    [InlineData(HealthCheckAction.Warn, EvaluationOutcome.Warn)]
    [InlineData(HealthCheckAction.Block, EvaluationOutcome.Block)]
    [InlineData(HealthCheckAction.Wipe, EvaluationOutcome.Wipe)]
    public void ToOutcome_Action_MapsToSameSeverity(HealthCheckAction action, EvaluationOutcome expected)
    {
        var outcome = EvaluationEngine.ToOutcome(action);

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void EvaluateAndExplain_FailingPolicies_MatchesEvaluateReasonForReason()
    {
        var policies = new[]
        {
            new PolicyBuilder().Named("a", "A").With("minimumRequiredOsVersion", "10.0.26100").WithMaxThreatLevel(DeviceThreatLevel.Low).Build(),
            new PolicyBuilder().Named("b", "B").With("minimumWarningAppVersion", "131.0").WithDisabledAccount(HealthCheckAction.Wipe).Build(),
        };
        var input = new InputBuilder().WithAccountEnabled(false).WithAppVersion("130.0").WithOsVersion("10.0.22631")
            .WithThreat(ThreatDataSource.Missing, null).Build();
        var (expectedOutcome, expectedReasons) = Evaluator.Run(input, policies);

        var result = EvaluationEngine.EvaluateAndExplain(policies, input);

        Assert.Equal(expectedOutcome, result.Outcome);
        Assert.Equal(
            expectedReasons.Select(r => EvaluationExplainer.Explain(r, policies, input)),
            result.Reasons);
        Assert.Equal(["b", "a", "b", "a"], result.Reasons.Select(r => r.PolicyId));
    }

    [Fact]
    public void EvaluateAndExplain_NoPolicies_AllowsWithNoPolicyAppliesReason()
    {
        var input = new InputBuilder().Build();

        var result = EvaluationEngine.EvaluateAndExplain([], input);

        Assert.Equal(EvaluationOutcome.Allow, result.Outcome);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal(new ExplainedReason("", "", "", "", "no app protection policy applies", EvaluationOutcome.Allow,
            EvaluationTexts.NoPolicyAppliesRemediation), reason);
    }

    private static string MinOsSetting(HealthCheckAction action) => action switch
    {
        HealthCheckAction.Warn => "minimumWarningOsVersion",
        HealthCheckAction.Block => "minimumRequiredOsVersion",
        _ => "minimumWipeOsVersion",
    };
}
