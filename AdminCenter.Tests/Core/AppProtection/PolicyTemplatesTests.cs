using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;

namespace AdminCenter.Tests.Core.AppProtection;

public sealed class PolicyTemplatesTests
{
    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic, "Level 1 basic data protection")]
    [InlineData(PolicyTemplateLevel.Level2Enhanced, "Level 2 enhanced data protection")]
    [InlineData(PolicyTemplateLevel.Level3High, "Level 3 high data protection")]
    public void DisplayName_EachLevel_IsTheFrameworksName(PolicyTemplateLevel level, string name)
    {
        var text = PolicyTemplates.DisplayName(level);

        Assert.Equal(name, text);
    }

    [Fact]
    public void Levels_AllThree_InOrder()
    {
        var levels = PolicyTemplates.Levels;

        Assert.Equal(Enum.GetValues<PolicyTemplateLevel>(), levels);
    }

    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic)]
    [InlineData(PolicyTemplateLevel.Level2Enhanced)]
    [InlineData(PolicyTemplateLevel.Level3High)]
    public void Create_EachLevel_TargetsEdgeWithAnEmptyNameDefaultTagAndNoGroups(PolicyTemplateLevel level)
    {
        var draft = PolicyTemplates.Create(level);

        Assert.Equal("", draft.DisplayName);
        Assert.Equal($"{PolicyTemplates.DisplayName(level)} (data protection framework)", draft.Description);
        Assert.Equal(["com.microsoft.edge"], draft.Apps);
        Assert.Equal(["0"], draft.RoleScopeTagIds);
        Assert.Empty(draft.IncludedGroupIds);
        Assert.Empty(draft.ExcludedGroupIds);
    }

    // One line per column of the spec's Templates table.
    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic, DataTransferLevel.AllApps, DataTransferLevel.AllApps, ClipboardSharingLevel.AnyDestinationAnySource, false)]
    [InlineData(PolicyTemplateLevel.Level2Enhanced, DataTransferLevel.None, DataTransferLevel.None, ClipboardSharingLevel.None, true)]
    [InlineData(PolicyTemplateLevel.Level3High, DataTransferLevel.None, DataTransferLevel.None, ClipboardSharingLevel.None, true)]
    public void Create_EachLevel_HasTheTablesDataProtection(
        PolicyTemplateLevel level, DataTransferLevel receive, DataTransferLevel send, ClipboardSharingLevel clipboard, bool printBlocked)
    {
        var draft = PolicyTemplates.Create(level);

        Assert.Equal(receive, draft.DataProtection.AllowedInboundDataTransferSources);
        Assert.Equal(send, draft.DataProtection.AllowedOutboundDataTransferDestinations);
        Assert.Equal(clipboard, draft.DataProtection.AllowedOutboundClipboardSharingLevel);
        Assert.Equal(printBlocked, draft.DataProtection.PrintBlocked);
    }

    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic, 10080, 90, null, null, null, DeviceThreatLevel.Low)]
    [InlineData(PolicyTemplateLevel.Level2Enhanced, 1440, 30, HealthCheckAction.Block, "10.0.22621.2506", null, DeviceThreatLevel.Medium)]
    [InlineData(PolicyTemplateLevel.Level3High, 1440, 30, HealthCheckAction.Block, "10.0.22621.2506", "10.0.22641", DeviceThreatLevel.Secured)]
    public void Create_EachLevel_HasTheTablesHealthCheckRows(
        PolicyTemplateLevel level, int offlineBlockMinutes, int offlineWipeDays, HealthCheckAction? disabledAccount,
        string? minOsBlock, string? maxOsWarn, DeviceThreatLevel threatLevel)
    {
        var expected = new List<HealthCheckRow>
        {
            new(HealthCheckSetting.OfflineGracePeriod, $"{offlineBlockMinutes}", HealthCheckAction.Block),
            new(HealthCheckSetting.OfflineGracePeriod, $"{offlineWipeDays}", HealthCheckAction.Wipe),
        };
        if (disabledAccount is { } action)
        {
            expected.Add(new(HealthCheckSetting.DisabledAccount, "", action));
        }
        if (minOsBlock is not null)
        {
            expected.Add(new(HealthCheckSetting.MinOsVersion, minOsBlock, HealthCheckAction.Block));
        }
        if (maxOsWarn is not null)
        {
            expected.Add(new(HealthCheckSetting.MaxOsVersion, maxOsWarn, HealthCheckAction.Warn));
        }
        expected.Add(new(HealthCheckSetting.MaxAllowedDeviceThreatLevel, HealthChecks.ThreatLevelGraphName(threatLevel), HealthCheckAction.Block));

        var draft = PolicyTemplates.Create(level);

        Assert.Equal(expected, draft.HealthChecks);
    }

    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic, 10080, 90, null, null, null, DeviceThreatLevel.Low)]
    [InlineData(PolicyTemplateLevel.Level2Enhanced, 1440, 30, HealthCheckAction.Block, "10.0.22621.2506", null, DeviceThreatLevel.Medium)]
    [InlineData(PolicyTemplateLevel.Level3High, 1440, 30, HealthCheckAction.Block, "10.0.22621.2506", "10.0.22641", DeviceThreatLevel.Secured)]
    public void Create_EachLevel_CarriesTheHealthChecksInItsDataProtectionToo(
        PolicyTemplateLevel level, int offlineBlockMinutes, int offlineWipeDays, HealthCheckAction? disabledAccount,
        string? minOsBlock, string? maxOsWarn, DeviceThreatLevel threatLevel)
    {
        var draft = PolicyTemplates.Create(level);

        var settings = draft.DataProtection;
        Assert.Equal(TimeSpan.FromMinutes(offlineBlockMinutes), settings.PeriodOfflineBeforeAccessCheck);
        Assert.Equal(TimeSpan.FromDays(offlineWipeDays), settings.PeriodOfflineBeforeWipeIsEnforced);
        Assert.Equal(disabledAccount, settings.AppActionIfUnableToAuthenticateUser);
        Assert.Null(settings.MinimumWarningOsVersion);
        Assert.Equal(minOsBlock, settings.MinimumRequiredOsVersion);
        Assert.Null(settings.MinimumWipeOsVersion);
        Assert.Equal(maxOsWarn, settings.MaximumWarningOsVersion);
        Assert.Null(settings.MaximumRequiredOsVersion);
        Assert.Null(settings.MaximumWipeOsVersion);
        Assert.Null(settings.MinimumWarningAppVersion);
        Assert.Null(settings.MinimumRequiredAppVersion);
        Assert.Null(settings.MinimumWipeAppVersion);
        Assert.Null(settings.MinimumRequiredSdkVersion);
        Assert.Null(settings.MinimumWipeSdkVersion);
        Assert.Equal(threatLevel, settings.MaximumAllowedDeviceThreatLevel);
        Assert.Equal(HealthCheckAction.Block, settings.MobileThreatDefenseRemediationAction);
    }

    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic)]
    [InlineData(PolicyTemplateLevel.Level2Enhanced)]
    [InlineData(PolicyTemplateLevel.Level3High)]
    public void Create_EachLevelOnceNamed_PassesEveryRule(PolicyTemplateLevel level)
    {
        var draft = PolicyTemplates.Create(level) with { DisplayName = PolicyTemplates.DisplayName(level) };

        var problems = PolicyValidator.Validate(draft, []);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic)]
    [InlineData(PolicyTemplateLevel.Level2Enhanced)]
    [InlineData(PolicyTemplateLevel.Level3High)]
    public void Create_EachLevelUnnamed_OnlyAsksForTheName(PolicyTemplateLevel level)
    {
        var draft = PolicyTemplates.Create(level);

        var problems = PolicyValidator.Validate(draft, []);

        Assert.Equal("displayName", Assert.Single(problems).Field);
    }

    [Fact]
    public void Create_UnknownLevel_Throws()
    {
        Action create = () => PolicyTemplates.Create((PolicyTemplateLevel)9);

        Assert.Throws<ArgumentOutOfRangeException>(create);
    }

    [Fact]
    public void Blank_WithoutTemplate_IsTheWizardsDefaults()
    {
        var draft = PolicyTemplates.Blank();

        Assert.Equal("", draft.DisplayName);
        Assert.Null(draft.Description);
        Assert.Empty(draft.Apps);
        Assert.Equal(["0"], draft.RoleScopeTagIds);
        Assert.Empty(draft.IncludedGroupIds);
        Assert.Empty(draft.ExcludedGroupIds);
        Assert.Equal(new WindowsAppProtectionSettings(), draft.DataProtection);
        Assert.Equal(
            [
                new HealthCheckRow(HealthCheckSetting.OfflineGracePeriod, "720", HealthCheckAction.Block),
                new HealthCheckRow(HealthCheckSetting.OfflineGracePeriod, "90", HealthCheckAction.Wipe),
            ],
            draft.HealthChecks);
    }

    [Fact]
    public void Blank_OnceNamed_OnlyAsksForAnApp()
    {
        var draft = PolicyTemplates.Blank() with { DisplayName = "Edge" };

        var problems = PolicyValidator.Validate(draft, []);

        Assert.Equal([new ValidationProblem("apps", "Select at least one app")], problems);
    }
}
