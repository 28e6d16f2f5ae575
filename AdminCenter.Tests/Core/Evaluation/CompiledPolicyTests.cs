using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Tests.Core.Evaluation;

public sealed class CompiledPolicyTests
{
    [Fact]
    public void Compile_EveryRow_ParsesVersionsAndKeepsPeriodsAndActions()
    {
        var settings = new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = TimeSpan.FromMinutes(1440),
            PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromDays(30),
            MinimumWarningAppVersion = "131.0",
            MinimumRequiredAppVersion = "130.0",
            MinimumWipeAppVersion = "120.0",
            MinimumRequiredSdkVersion = "1.2",
            MinimumWipeSdkVersion = "1.0",
            AppActionIfUnableToAuthenticateUser = HealthCheckAction.Wipe,
            MinimumWarningOsVersion = "10.0.26100",
            MinimumRequiredOsVersion = " 10.0.22621.2506 ",
            MinimumWipeOsVersion = "10.0.19045",
            MaximumWarningOsVersion = "10.0.26200",
            MaximumRequiredOsVersion = "10.0.26300",
            MaximumWipeOsVersion = "11.0",
            MaximumAllowedDeviceThreatLevel = DeviceThreatLevel.Medium,
            MobileThreatDefenseRemediationAction = HealthCheckAction.Wipe,
        };

        var policy = CompiledPolicy.Compile("p1", "Edge baseline", settings);

        Assert.Equal("p1", policy.Id);
        Assert.Equal("Edge baseline", policy.DisplayName);
        Assert.Same(settings, policy.Settings);
        Assert.Equal(TimeSpan.FromMinutes(1440), policy.OfflineBlockPeriod);
        Assert.Equal(TimeSpan.FromDays(30), policy.OfflineWipePeriod);
        Assert.Equal(new AppVersion(131, 0), policy.MinimumWarningAppVersion);
        Assert.Equal(new AppVersion(130, 0), policy.MinimumRequiredAppVersion);
        Assert.Equal(new AppVersion(120, 0), policy.MinimumWipeAppVersion);
        Assert.Equal(new AppVersion(1, 2), policy.MinimumRequiredSdkVersion);
        Assert.Equal(new AppVersion(1, 0), policy.MinimumWipeSdkVersion);
        Assert.Equal(new AppVersion(10, 0, 26100), policy.MinimumWarningOsVersion);
        Assert.Equal(new AppVersion(10, 0, 22621, 2506), policy.MinimumRequiredOsVersion);
        Assert.Equal(new AppVersion(10, 0, 19045), policy.MinimumWipeOsVersion);
        Assert.Equal(new AppVersion(10, 0, 26200), policy.MaximumWarningOsVersion);
        Assert.Equal(new AppVersion(10, 0, 26300), policy.MaximumRequiredOsVersion);
        Assert.Equal(new AppVersion(11, 0), policy.MaximumWipeOsVersion);
        Assert.Equal(HealthCheckAction.Wipe, policy.DisabledAccountAction);
        Assert.Equal(DeviceThreatLevel.Medium, policy.MaximumAllowedDeviceThreatLevel);
        Assert.Equal(HealthCheckAction.Wipe, policy.ThreatLevelAction);
        Assert.Empty(policy.IgnoredSettings);
    }

    [Fact]
    public void Compile_DefaultSettings_HasOnlyTheDefaultOfflineRows()
    {
        var policy = CompiledPolicy.Compile("p1", "Defaults", new WindowsAppProtectionSettings());

        Assert.Equal(TimeSpan.FromMinutes(720), policy.OfflineBlockPeriod);
        Assert.Equal(TimeSpan.FromDays(90), policy.OfflineWipePeriod);
        Assert.Null(policy.MinimumRequiredOsVersion);
        Assert.Null(policy.AppVersionNotReported);
        Assert.Null(policy.SdkVersionNotReported);
        Assert.Null(policy.OsVersionNotReported);
        Assert.Null(policy.DisabledAccountAction);
        Assert.Equal(DeviceThreatLevel.NotConfigured, policy.MaximumAllowedDeviceThreatLevel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Compile_BlankVersion_TreatsRowAsAbsent(string blank)
    {
        var settings = new PolicyBuilder().With("minimumRequiredOsVersion", blank).BuildSettings();

        var policy = CompiledPolicy.Compile("p1", "Blank", settings);

        Assert.Null(policy.MinimumRequiredOsVersion);
        Assert.Null(policy.OsVersionNotReported);
        Assert.Empty(policy.IgnoredSettings);
    }

    [Fact]
    public void Compile_UnparsableVersions_LeavesRowsOutAndListsThem()
    {
        var settings = new PolicyBuilder()
            .With("minimumRequiredOsVersion", "22631")
            .With("maximumWipeOsVersion", "ten")
            .With("minimumWarningAppVersion", "130.0")
            .BuildSettings() with { MaximumAllowedDeviceThreatLevel = (DeviceThreatLevel)42 };

        var policy = CompiledPolicy.Compile("p1", "Broken", settings);

        Assert.Null(policy.MinimumRequiredOsVersion);
        Assert.Null(policy.MaximumWipeOsVersion);
        Assert.Null(policy.OsVersionNotReported);
        Assert.Equal(new AppVersion(130, 0), policy.MinimumWarningAppVersion);
        Assert.Equal(DeviceThreatLevel.NotConfigured, policy.MaximumAllowedDeviceThreatLevel);
        Assert.Equal(["minimumRequiredOsVersion", "maximumWipeOsVersion", "maximumAllowedDeviceThreatLevel"], policy.IgnoredSettings);
    }

    [Theory]
    [InlineData(new[] { "minimumWarningAppVersion" }, "minimumWarningAppVersion", HealthCheckAction.Warn, EvaluationOutcome.Warn)]
    [InlineData(new[] { "minimumWarningAppVersion", "minimumWipeAppVersion" }, "minimumWipeAppVersion", HealthCheckAction.Wipe, EvaluationOutcome.Block)]
    [InlineData(new[] { "minimumWipeAppVersion", "minimumRequiredAppVersion", "minimumWarningAppVersion" }, "minimumRequiredAppVersion", HealthCheckAction.Block, EvaluationOutcome.Block)]
    public void Compile_AppVersionRows_ChoosesBlockRowThenWipeThenWarnForMissingVersion(
        string[] settings, string expectedSetting, HealthCheckAction configured, EvaluationOutcome action)
    {
        var builder = new PolicyBuilder();
        foreach (var setting in settings)
        {
            builder.With(setting, "120.0");
        }

        var policy = builder.Build();

        Assert.Equal(new VersionNotReportedRule(expectedSetting, configured, action), policy.AppVersionNotReported);
    }

    [Theory]
    [InlineData(new[] { "maximumWarningOsVersion" }, "maximumWarningOsVersion", HealthCheckAction.Warn, EvaluationOutcome.Warn)]
    [InlineData(new[] { "minimumWarningOsVersion", "maximumWarningOsVersion" }, "minimumWarningOsVersion", HealthCheckAction.Warn, EvaluationOutcome.Warn)]
    [InlineData(new[] { "minimumRequiredOsVersion", "maximumRequiredOsVersion" }, "minimumRequiredOsVersion", HealthCheckAction.Block, EvaluationOutcome.Block)]
    [InlineData(new[] { "minimumWipeOsVersion", "maximumRequiredOsVersion" }, "maximumRequiredOsVersion", HealthCheckAction.Block, EvaluationOutcome.Block)]
    [InlineData(new[] { "minimumWarningOsVersion", "maximumWipeOsVersion" }, "maximumWipeOsVersion", HealthCheckAction.Wipe, EvaluationOutcome.Block)]
    public void Compile_OsVersionRows_PrefersMinimumOnTiesForMissingVersion(
        string[] settings, string expectedSetting, HealthCheckAction configured, EvaluationOutcome action)
    {
        var builder = new PolicyBuilder();
        foreach (var setting in settings)
        {
            builder.With(setting, "10.0.22621");
        }

        var policy = builder.Build();

        Assert.Equal(new VersionNotReportedRule(expectedSetting, configured, action), policy.OsVersionNotReported);
    }

    [Fact]
    public void Compile_NullArguments_Throw()
    {
        var settings = new WindowsAppProtectionSettings();

        Assert.Throws<ArgumentNullException>(() => CompiledPolicy.Compile(null!, "n", settings));
        Assert.Throws<ArgumentNullException>(() => CompiledPolicy.Compile("i", null!, settings));
        Assert.Throws<ArgumentNullException>(() => CompiledPolicy.Compile("i", "n", null!));
    }
}
