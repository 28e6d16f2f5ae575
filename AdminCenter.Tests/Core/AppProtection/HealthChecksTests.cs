using AdminCenter.Core.AppProtection;

namespace AdminCenter.Tests.Core.AppProtection;

public sealed class HealthChecksTests
{
    private const HealthCheckSetting Offline = HealthCheckSetting.OfflineGracePeriod;
    private const HealthCheckSetting MinApp = HealthCheckSetting.MinAppVersion;
    private const HealthCheckSetting MinSdk = HealthCheckSetting.MinSdkVersion;
    private const HealthCheckSetting Disabled = HealthCheckSetting.DisabledAccount;
    private const HealthCheckSetting MinOs = HealthCheckSetting.MinOsVersion;
    private const HealthCheckSetting MaxOs = HealthCheckSetting.MaxOsVersion;
    private const HealthCheckSetting Threat = HealthCheckSetting.MaxAllowedDeviceThreatLevel;
    private const HealthCheckAction Warn = HealthCheckAction.Warn;
    private const HealthCheckAction Block = HealthCheckAction.Block;
    private const HealthCheckAction Wipe = HealthCheckAction.Wipe;

    private static HealthCheckRow Row(HealthCheckSetting setting, string value, HealthCheckAction action) => new(setting, value, action);

    /// <summary>Every property configured, in the table's order.</summary>
    private static readonly HealthCheckRow[] FullTable =
    [
        Row(Offline, "720", Block),
        Row(Offline, "90", Wipe),
        Row(MinApp, "130.0.2849.46", Warn),
        Row(MinApp, "129.0", Block),
        Row(MinApp, "128.0.1", Wipe),
        Row(MinSdk, "2.0", Block),
        Row(MinSdk, "1.5", Wipe),
        Row(Disabled, "", Wipe),
        Row(MinOs, "10.0.22631", Warn),
        Row(MinOs, "10.0.22621.2506", Block),
        Row(MinOs, "10.0.19045.3636", Wipe),
        Row(MaxOs, "10.0.26100", Warn),
        Row(MaxOs, "10.0.26200", Block),
        Row(MaxOs, "10.0.27000.1", Wipe),
        Row(Threat, "medium", Wipe),
    ];

    // ---- Metadata ----

    [Theory]
    [InlineData(Offline, "Offline grace period", "App conditions", HealthCheckValueKind.WholeNumber)]
    [InlineData(MinApp, "Min app version", "App conditions", HealthCheckValueKind.Version)]
    [InlineData(MinSdk, "Min SDK version", "App conditions", HealthCheckValueKind.Version)]
    [InlineData(Disabled, "Disabled account", "App conditions", HealthCheckValueKind.None)]
    [InlineData(MinOs, "Min OS version", "Device conditions", HealthCheckValueKind.Version)]
    [InlineData(MaxOs, "Max OS version", "Device conditions", HealthCheckValueKind.Version)]
    [InlineData(Threat, "Max allowed device threat level", "Device conditions", HealthCheckValueKind.ThreatLevel)]
    public void Definition_EachSetting_HasItsLabelCategoryAndValueKind(
        HealthCheckSetting setting, string label, string category, HealthCheckValueKind kind)
    {
        var definition = HealthChecks.Definition(setting);

        Assert.Equal(setting, definition.Setting);
        Assert.Equal(label, definition.Label);
        Assert.Equal(category, definition.Category);
        Assert.Equal(kind, definition.ValueKind);
    }

    [Theory]
    [InlineData(Offline, false, true, true)]
    [InlineData(MinApp, true, true, true)]
    [InlineData(MinSdk, false, true, true)]
    [InlineData(Disabled, false, true, true)]
    [InlineData(MinOs, true, true, true)]
    [InlineData(MaxOs, true, true, true)]
    [InlineData(Threat, false, true, true)]
    public void Definition_EachSetting_AllowsOnlyItsActions(HealthCheckSetting setting, bool warn, bool block, bool wipe)
    {
        var definition = HealthChecks.Definition(setting);

        Assert.Equal(warn, definition.Allows(Warn));
        Assert.Equal(block, definition.Allows(Block));
        Assert.Equal(wipe, definition.Allows(Wipe));
        Assert.Equal(new[] { warn, block, wipe }.Count(a => a), definition.Actions.Count);
    }

    [Fact]
    public void Definitions_InTableOrder_FollowTheSettingEnum()
    {
        var settings = HealthChecks.Definitions.Select(d => d.Setting);

        Assert.Equal(Enum.GetValues<HealthCheckSetting>(), settings);
    }

    [Fact]
    public void Definition_UnknownSetting_Throws()
    {
        var get = () => HealthChecks.Definition((HealthCheckSetting)99);

        Assert.Throws<ArgumentOutOfRangeException>(get);
    }

    [Theory]
    [InlineData(Warn, "Warn")]
    [InlineData(Block, "Block access")]
    [InlineData(Wipe, "Wipe data")]
    public void ActionLabel_EachAction_IsTheAdminCenterLabel(HealthCheckAction action, string label)
    {
        var text = HealthChecks.ActionLabel(action);

        Assert.Equal(label, text);
    }

    [Theory]
    [InlineData(Offline, Block, "minutes")]
    [InlineData(Offline, Wipe, "days")]
    [InlineData(Offline, Warn, null)]
    [InlineData(MinApp, Block, null)]
    [InlineData(MinOs, Warn, null)]
    [InlineData(Disabled, Block, null)]
    [InlineData(Threat, Wipe, null)]
    public void UnitFor_SettingAndAction_IsMinutesOrDaysForTheOfflineGracePeriodOnly(
        HealthCheckSetting setting, HealthCheckAction action, string? unit)
    {
        var text = HealthChecks.UnitFor(setting, action);

        Assert.Equal(unit, text);
    }

    [Fact]
    public void ThreatLevels_FromMostToLeastSecure_HaveLabelsAndGraphNames()
    {
        var levels = HealthChecks.ThreatLevels.Select(t => (t.Level, t.Label, t.GraphName));

        Assert.Equal(
            [
                (DeviceThreatLevel.Secured, "Secured", "secured"),
                (DeviceThreatLevel.Low, "Low", "low"),
                (DeviceThreatLevel.Medium, "Medium", "medium"),
                (DeviceThreatLevel.High, "High", "high"),
            ],
            levels);
    }

    [Theory]
    [InlineData(DeviceThreatLevel.NotConfigured, "notConfigured")]
    [InlineData(DeviceThreatLevel.Secured, "secured")]
    [InlineData(DeviceThreatLevel.Low, "low")]
    [InlineData(DeviceThreatLevel.Medium, "medium")]
    [InlineData(DeviceThreatLevel.High, "high")]
    public void ThreatLevelGraphName_EachLevel_IsGraphsName(DeviceThreatLevel level, string graphName)
    {
        var name = HealthChecks.ThreatLevelGraphName(level);

        Assert.Equal(graphName, name);
    }

    [Theory]
    [InlineData("secured", true, DeviceThreatLevel.Secured)]
    [InlineData("low", true, DeviceThreatLevel.Low)]
    [InlineData("medium", true, DeviceThreatLevel.Medium)]
    [InlineData("high", true, DeviceThreatLevel.High)]
    [InlineData("Secured", true, DeviceThreatLevel.Secured)]
    [InlineData("HIGH", true, DeviceThreatLevel.High)]
    [InlineData(" low ", true, DeviceThreatLevel.Low)]
    [InlineData("notConfigured", false, DeviceThreatLevel.NotConfigured)]
    [InlineData("critical", false, DeviceThreatLevel.NotConfigured)]
    [InlineData("1", false, DeviceThreatLevel.NotConfigured)]
    [InlineData("", false, DeviceThreatLevel.NotConfigured)]
    [InlineData(null, false, DeviceThreatLevel.NotConfigured)]
    public void TryParseThreatLevel_Value_AcceptsTheFourLevelsInAnyCase(string? value, bool expected, DeviceThreatLevel expectedLevel)
    {
        var parsed = HealthChecks.TryParseThreatLevel(value, out var level);

        Assert.Equal(expected, parsed);
        Assert.Equal(expectedLevel, level);
    }

    // ---- ToRows ----

    [Fact]
    public void ToRows_DefaultSettings_AreTheTwoDefaultOfflineRows()
    {
        var settings = new WindowsAppProtectionSettings();

        var rows = HealthChecks.ToRows(settings);

        Assert.Equal([Row(Offline, "720", Block), Row(Offline, "90", Wipe)], rows);
    }

    [Fact]
    public void ToRows_NothingConfigured_IsEmpty()
    {
        var settings = new WindowsAppProtectionSettings { PeriodOfflineBeforeAccessCheck = null, PeriodOfflineBeforeWipeIsEnforced = null };

        var rows = HealthChecks.ToRows(settings);

        Assert.Empty(rows);
    }

    [Fact]
    public void ToRows_EveryPropertyConfigured_GivesOneRowEachInTheTablesOrder()
    {
        var settings = new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = TimeSpan.FromMinutes(720),
            PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromDays(90),
            MinimumWarningAppVersion = "130.0.2849.46",
            MinimumRequiredAppVersion = "129.0",
            MinimumWipeAppVersion = "128.0.1",
            MinimumRequiredSdkVersion = "2.0",
            MinimumWipeSdkVersion = "1.5",
            AppActionIfUnableToAuthenticateUser = Wipe,
            MinimumWarningOsVersion = "10.0.22631",
            MinimumRequiredOsVersion = "10.0.22621.2506",
            MinimumWipeOsVersion = "10.0.19045.3636",
            MaximumWarningOsVersion = "10.0.26100",
            MaximumRequiredOsVersion = "10.0.26200",
            MaximumWipeOsVersion = "10.0.27000.1",
            MaximumAllowedDeviceThreatLevel = DeviceThreatLevel.Medium,
            MobileThreatDefenseRemediationAction = Wipe,
        };

        var rows = HealthChecks.ToRows(settings);

        Assert.Equal(FullTable, rows);
    }

    [Theory]
    [InlineData(720, 90, "720", "90")]
    [InlineData(1, 1, "1", "1")]
    [InlineData(1440, 30, "1440", "30")]
    [InlineData(10080, 3650, "10080", "3650")]
    public void ToRows_OfflinePeriods_ShowMinutesForBlockAndDaysForWipe(int minutes, int days, string blockValue, string wipeValue)
    {
        var settings = new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = TimeSpan.FromMinutes(minutes),
            PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromDays(days),
        };

        var rows = HealthChecks.ToRows(settings);

        Assert.Equal([Row(Offline, blockValue, Block), Row(Offline, wipeValue, Wipe)], rows);
    }

    [Fact]
    public void ToRows_OfflinePeriodNotAWholeUnit_KeepsTheFractionSoValidationFlagsIt()
    {
        var settings = new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = TimeSpan.FromSeconds(90),
            PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromHours(12),
        };

        var rows = HealthChecks.ToRows(settings);

        Assert.Equal([Row(Offline, "1.5", Block), Row(Offline, "0.5", Wipe)], rows);
        Assert.Equal([0, 1], HealthChecks.Validate(rows).Select(p => p.RowIndex));
    }

    [Theory]
    [InlineData(DeviceThreatLevel.Secured, Block, "secured")]
    [InlineData(DeviceThreatLevel.Low, Wipe, "low")]
    [InlineData(DeviceThreatLevel.High, Block, "high")]
    public void ToRows_ThreatLevelConfigured_GivesOneRowWithItsGraphNameAndAction(
        DeviceThreatLevel level, HealthCheckAction action, string value)
    {
        var settings = new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = null,
            PeriodOfflineBeforeWipeIsEnforced = null,
            MaximumAllowedDeviceThreatLevel = level,
            MobileThreatDefenseRemediationAction = action,
        };

        var rows = HealthChecks.ToRows(settings);

        Assert.Equal([Row(Threat, value, action)], rows);
    }

    [Fact]
    public void ToRows_ThreatLevelNotConfigured_GivesNoThreatRowWhateverTheAction()
    {
        var settings = new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = null,
            PeriodOfflineBeforeWipeIsEnforced = null,
            MobileThreatDefenseRemediationAction = Wipe,
        };

        var rows = HealthChecks.ToRows(settings);

        Assert.Empty(rows);
    }

    // ---- Apply ----

    [Fact]
    public void Apply_FullTable_SetsEveryHealthCheckProperty()
    {
        var dataProtection = new WindowsAppProtectionSettings();

        var settings = HealthChecks.Apply(dataProtection, FullTable);

        Assert.Equal(TimeSpan.FromMinutes(720), settings.PeriodOfflineBeforeAccessCheck);
        Assert.Equal(TimeSpan.FromDays(90), settings.PeriodOfflineBeforeWipeIsEnforced);
        Assert.Equal("130.0.2849.46", settings.MinimumWarningAppVersion);
        Assert.Equal("129.0", settings.MinimumRequiredAppVersion);
        Assert.Equal("128.0.1", settings.MinimumWipeAppVersion);
        Assert.Equal("2.0", settings.MinimumRequiredSdkVersion);
        Assert.Equal("1.5", settings.MinimumWipeSdkVersion);
        Assert.Equal(Wipe, settings.AppActionIfUnableToAuthenticateUser);
        Assert.Equal("10.0.22631", settings.MinimumWarningOsVersion);
        Assert.Equal("10.0.22621.2506", settings.MinimumRequiredOsVersion);
        Assert.Equal("10.0.19045.3636", settings.MinimumWipeOsVersion);
        Assert.Equal("10.0.26100", settings.MaximumWarningOsVersion);
        Assert.Equal("10.0.26200", settings.MaximumRequiredOsVersion);
        Assert.Equal("10.0.27000.1", settings.MaximumWipeOsVersion);
        Assert.Equal(DeviceThreatLevel.Medium, settings.MaximumAllowedDeviceThreatLevel);
        Assert.Equal(Wipe, settings.MobileThreatDefenseRemediationAction);
    }

    [Fact]
    public void Apply_NoRows_ClearsEveryHealthCheckPropertyAndDefaultsTheThreatActionToBlock()
    {
        var configured = HealthChecks.Apply(new WindowsAppProtectionSettings(), FullTable);

        var settings = HealthChecks.Apply(configured, []);

        Assert.Equal(new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = null,
            PeriodOfflineBeforeWipeIsEnforced = null,
        }, settings);
        Assert.Equal(DeviceThreatLevel.NotConfigured, settings.MaximumAllowedDeviceThreatLevel);
        Assert.Equal(Block, settings.MobileThreatDefenseRemediationAction);
        Assert.Null(settings.AppActionIfUnableToAuthenticateUser);
    }

    [Fact]
    public void Apply_DataProtectionValues_AreKept()
    {
        var dataProtection = new WindowsAppProtectionSettings
        {
            AllowedInboundDataTransferSources = DataTransferLevel.None,
            AllowedOutboundDataTransferDestinations = DataTransferLevel.None,
            AllowedOutboundClipboardSharingLevel = ClipboardSharingLevel.OrgDestinationOrgSource,
            PrintBlocked = true,
        };

        var settings = HealthChecks.Apply(dataProtection, [Row(MinOs, "10.0.22621.2506", Block)]);

        Assert.Equal(DataTransferLevel.None, settings.AllowedInboundDataTransferSources);
        Assert.Equal(DataTransferLevel.None, settings.AllowedOutboundDataTransferDestinations);
        Assert.Equal(ClipboardSharingLevel.OrgDestinationOrgSource, settings.AllowedOutboundClipboardSharingLevel);
        Assert.True(settings.PrintBlocked);
        Assert.Null(settings.PeriodOfflineBeforeAccessCheck);
        Assert.Null(settings.PeriodOfflineBeforeWipeIsEnforced);
        Assert.Equal("10.0.22621.2506", settings.MinimumRequiredOsVersion);
    }

    [Theory]
    [InlineData(Offline, "720", Block)]
    [InlineData(Offline, "90", Wipe)]
    [InlineData(MinApp, "130.0", Warn)]
    [InlineData(MinApp, "130.0.1", Block)]
    [InlineData(MinApp, "130.0.1.2", Wipe)]
    [InlineData(MinSdk, "1.0", Block)]
    [InlineData(MinSdk, "1.0.3", Wipe)]
    [InlineData(Disabled, "", Block)]
    [InlineData(Disabled, "", Wipe)]
    [InlineData(MinOs, "10.0.22631", Warn)]
    [InlineData(MinOs, "10.0.22621.2506", Block)]
    [InlineData(MinOs, "10.0", Wipe)]
    [InlineData(MaxOs, "10.0.26100", Warn)]
    [InlineData(MaxOs, "10.0.26100.1", Block)]
    [InlineData(MaxOs, "11.0", Wipe)]
    [InlineData(Threat, "secured", Block)]
    [InlineData(Threat, "low", Wipe)]
    [InlineData(Threat, "medium", Block)]
    [InlineData(Threat, "high", Wipe)]
    public void Apply_ThenToRows_SingleRow_RoundTrips(HealthCheckSetting setting, string value, HealthCheckAction action)
    {
        HealthCheckRow[] rows = [Row(setting, value, action)];

        var back = HealthChecks.ToRows(HealthChecks.Apply(new WindowsAppProtectionSettings(), rows));

        Assert.Equal(rows, back);
    }

    [Fact]
    public void Apply_ThenToRows_FullTable_RoundTrips()
    {
        var settings = HealthChecks.Apply(new WindowsAppProtectionSettings(), FullTable);

        var rows = HealthChecks.ToRows(settings);

        Assert.Equal(FullTable, rows);
    }

    [Theory]
    [InlineData(PolicyTemplateLevel.Level1Basic)]
    [InlineData(PolicyTemplateLevel.Level2Enhanced)]
    [InlineData(PolicyTemplateLevel.Level3High)]
    public void Apply_ThenToRows_EveryTemplate_RoundTrips(PolicyTemplateLevel level)
    {
        var draft = PolicyTemplates.Create(level);

        var settings = HealthChecks.Apply(draft.DataProtection, draft.HealthChecks);
        var rows = HealthChecks.ToRows(settings);

        Assert.Equal(draft.HealthChecks, rows);
        Assert.Equal(draft.DataProtection, settings);
        Assert.Equal(settings, HealthChecks.Apply(settings, rows));
    }

    [Fact]
    public void Apply_ThenToRows_BlankDraft_RoundTrips()
    {
        var draft = PolicyTemplates.Blank();

        var rows = HealthChecks.ToRows(HealthChecks.Apply(draft.DataProtection, draft.HealthChecks));

        Assert.Equal(draft.HealthChecks, rows);
    }

    [Fact]
    public void Apply_ValuesWithSurroundingSpaces_StoresThemTrimmed()
    {
        HealthCheckRow[] rows = [Row(Offline, " 60 ", Block), Row(MinOs, " 10.0.22631 ", Block), Row(Threat, " High ", Wipe)];

        var settings = HealthChecks.Apply(new WindowsAppProtectionSettings(), rows);

        Assert.Equal(TimeSpan.FromMinutes(60), settings.PeriodOfflineBeforeAccessCheck);
        Assert.Equal("10.0.22631", settings.MinimumRequiredOsVersion);
        Assert.Equal(DeviceThreatLevel.High, settings.MaximumAllowedDeviceThreatLevel);
        Assert.Equal(Wipe, settings.MobileThreatDefenseRemediationAction);
    }

    [Theory]
    [InlineData(Threat, "low", Warn)]
    [InlineData(MinOs, "22631.3155", Block)]
    [InlineData(Offline, "0", Block)]
    [InlineData(Disabled, "x", Block)]
    public void Apply_InvalidRow_ThrowsArgumentException(HealthCheckSetting setting, string value, HealthCheckAction action)
    {
        HealthCheckRow[] rows = [Row(setting, value, action)];

        var apply = () => HealthChecks.Apply(new WindowsAppProtectionSettings(), rows);

        Assert.Throws<ArgumentException>(apply);
    }

    [Fact]
    public void Apply_DuplicateRows_ThrowsArgumentException()
    {
        HealthCheckRow[] rows = [Row(MinOs, "10.0.1", Block), Row(MinOs, "10.0.2", Block)];

        var apply = () => HealthChecks.Apply(new WindowsAppProtectionSettings(), rows);

        Assert.Throws<ArgumentException>(apply);
    }

    // ---- Validate: a valid table ----

    [Fact]
    public void Validate_FullTableFollowingEveryRule_HasNoProblem()
    {
        var problems = HealthChecks.Validate(FullTable);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_EmptyTable_HasNoProblem()
    {
        var problems = HealthChecks.Validate([]);

        Assert.Empty(problems);
    }

    // ---- Validate: actions ----

    [Theory]
    [InlineData(Offline, "720", Warn, "Offline grace period supports Block access or Wipe data only")]
    [InlineData(MinSdk, "1.0", Warn, "Min SDK version supports Block access or Wipe data only")]
    [InlineData(Disabled, "", Warn, "Disabled account supports Block access or Wipe data only")]
    [InlineData(Threat, "low", Warn, "Max allowed device threat level supports Block access or Wipe data only")]
    [InlineData(MinOs, "10.0", (HealthCheckAction)7, "Min OS version supports Warn, Block access or Wipe data only")]
    public void Validate_ActionTheSettingDoesNotOffer_IsRefusedNamingTheAllowedActions(
        HealthCheckSetting setting, string value, HealthCheckAction action, string message)
    {
        HealthCheckRow[] rows = [Row(setting, value, action)];

        var problems = HealthChecks.Validate(rows);

        var problem = Assert.Single(problems);
        Assert.Equal(new HealthCheckProblem(0, message), problem);
    }

    [Theory]
    [InlineData(Offline, "720", Block)]
    [InlineData(Offline, "90", Wipe)]
    [InlineData(MinApp, "1.0", Warn)]
    [InlineData(MinApp, "1.0", Block)]
    [InlineData(MinApp, "1.0", Wipe)]
    [InlineData(MinSdk, "1.0", Block)]
    [InlineData(MinSdk, "1.0", Wipe)]
    [InlineData(Disabled, "", Block)]
    [InlineData(Disabled, "", Wipe)]
    [InlineData(MinOs, "10.0", Warn)]
    [InlineData(MinOs, "10.0", Block)]
    [InlineData(MinOs, "10.0", Wipe)]
    [InlineData(MaxOs, "10.0", Warn)]
    [InlineData(MaxOs, "10.0", Block)]
    [InlineData(MaxOs, "10.0", Wipe)]
    [InlineData(Threat, "high", Block)]
    [InlineData(Threat, "high", Wipe)]
    public void Validate_ActionTheSettingOffers_IsAccepted(HealthCheckSetting setting, string value, HealthCheckAction action)
    {
        HealthCheckRow[] rows = [Row(setting, value, action)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_UnknownSetting_AsksToChooseOne()
    {
        HealthCheckRow[] rows = [Row((HealthCheckSetting)42, "1.0", Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([new HealthCheckProblem(0, "Choose a setting for this row.")], problems);
    }

    // ---- Validate: versions ----

    [Theory]
    [InlineData(MinApp, "10.0")]
    [InlineData(MinApp, "130.0.2849")]
    [InlineData(MinApp, "130.0.2849.46")]
    [InlineData(MinSdk, "0.1")]
    [InlineData(MinOs, "10.0")]
    [InlineData(MinOs, "10.0.22631")]
    [InlineData(MinOs, "10.0.22631.3155")]
    [InlineData(MaxOs, "10.0.22631.3155")]
    [InlineData(MaxOs, "999.3155")]
    [InlineData(MinOs, " 10.0.22631 ")]
    [InlineData(MinOs, "2147483647.2147483647.2147483647.2147483647")]
    public void Validate_WellFormedVersion_IsAccepted(HealthCheckSetting setting, string value)
    {
        HealthCheckRow[] rows = [Row(setting, value, Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(MinApp, "abc")]
    [InlineData(MinApp, "10")]
    [InlineData(MinSdk, "1..0")]
    [InlineData(MinSdk, "1.0.")]
    [InlineData(MinOs, "10.0.22631.3155.1")]
    [InlineData(MinOs, "-10.0")]
    [InlineData(MinOs, "10.0.-1")]
    [InlineData(MinOs, "10.0 .22631")]
    [InlineData(MinOs, "10.0.22631a")]
    [InlineData(MaxOs, "10,0")]
    [InlineData(MaxOs, "10.0.2147483648")]
    public void Validate_MalformedVersion_IsRefusedExplainingTheFormat(HealthCheckSetting setting, string value)
    {
        HealthCheckRow[] rows = [Row(setting, value, Block)];

        var problems = HealthChecks.Validate(rows);

        var problem = Assert.Single(problems);
        Assert.Equal(0, problem.RowIndex);
        Assert.Equal(
            $"'{value.Trim()}' is not a version: write digits separated by dots, as major.minor, major.minor.build or major.minor.build.revision (for example 10.0.22631.3155)",
            problem.Message);
    }

    [Theory]
    [InlineData(MinApp, "")]
    [InlineData(MinSdk, "   ")]
    [InlineData(MinOs, "")]
    [InlineData(MaxOs, " ")]
    public void Validate_MissingVersion_AsksForOne(HealthCheckSetting setting, string value)
    {
        HealthCheckRow[] rows = [Row(setting, value, Block)];

        var problems = HealthChecks.Validate(rows);

        var problem = Assert.Single(problems);
        Assert.Equal($"Enter a version for {HealthChecks.Definition(setting).Label}, for example 10.0.22631.3155", problem.Message);
    }

    [Theory]
    [InlineData(MinOs, Block, "22631.3155")]
    [InlineData(MinOs, Warn, "22621.2506")]
    [InlineData(MaxOs, Wipe, "22631.3155")]
    [InlineData(MinApp, Block, "1000.0")]
    [InlineData(MinSdk, Wipe, "19045.3636")]
    public void Validate_TwoPartVersionFromAWindowsBuild_IsRefusedWithTheFullVersionHint(
        HealthCheckSetting setting, HealthCheckAction action, string value)
    {
        HealthCheckRow[] rows = [Row(setting, value, action)];

        var problems = HealthChecks.Validate(rows);

        var problem = Assert.Single(problems);
        Assert.Equal(0, problem.RowIndex);
        Assert.Equal($"'{value}' looks like a build number, not a full version. Write the full version, for example 10.0.22631.3155", problem.Message);
    }

    [Fact]
    public void Validate_TheDocumentedBuildNumber_GivesTheHintToWriteTheFullVersion()
    {
        HealthCheckRow[] rows = [Row(MinOs, "22631.3155", Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.EndsWith("Write the full version, for example 10.0.22631.3155", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999.0")]
    [InlineData("22631.3155.0")]
    [InlineData("22631.3155.0.0")]
    public void Validate_NotATwoPartBuildNumber_IsAccepted(string value)
    {
        HealthCheckRow[] rows = [Row(MinOs, value, Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    // ---- Validate: offline grace period ----

    [Theory]
    [InlineData("1", Block)]
    [InlineData("720", Block)]
    [InlineData("525600", Block)]
    [InlineData(" 720 ", Block)]
    [InlineData("0720", Block)]
    [InlineData("1", Wipe)]
    [InlineData("90", Wipe)]
    [InlineData("3650", Wipe)]
    public void Validate_OfflineValueInRange_IsAccepted(string value, HealthCheckAction action)
    {
        HealthCheckRow[] rows = [Row(Offline, value, action)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("0", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("-1", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("525601", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("1.5", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("1,000", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("+5", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("1e3", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("abc", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("99999999999", Block, "Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("", Block, "Enter the number of minutes: Offline grace period with Block access must be a whole number of minutes from 1 to 525600")]
    [InlineData("0", Wipe, "Offline grace period with Wipe data must be a whole number of days from 1 to 3650")]
    [InlineData("3651", Wipe, "Offline grace period with Wipe data must be a whole number of days from 1 to 3650")]
    [InlineData("P90D", Wipe, "Offline grace period with Wipe data must be a whole number of days from 1 to 3650")]
    [InlineData("9 0", Wipe, "Offline grace period with Wipe data must be a whole number of days from 1 to 3650")]
    [InlineData("  ", Wipe, "Enter the number of days: Offline grace period with Wipe data must be a whole number of days from 1 to 3650")]
    public void Validate_OfflineValueNotAPositiveWholeNumberInRange_IsRefusedWithTheRange(
        string value, HealthCheckAction action, string message)
    {
        HealthCheckRow[] rows = [Row(Offline, value, action)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([new HealthCheckProblem(0, message)], problems);
    }

    [Theory]
    [InlineData(720, 90)]
    [InlineData(1439, 1)]
    [InlineData(10080, 8)]
    [InlineData(525600, 366)]
    public void Validate_OfflineWipeLongerThanBlock_IsAccepted(int minutes, int days)
    {
        HealthCheckRow[] rows = [Row(Offline, $"{minutes}", Block), Row(Offline, $"{days}", Wipe)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(1440, 1)]
    [InlineData(10080, 7)]
    [InlineData(10080, 1)]
    [InlineData(525600, 365)]
    public void Validate_OfflineWipeNotLongerThanBlock_IsRefusedAtTheLaterRowInEitherOrder(int minutes, int days)
    {
        HealthCheckRow[] blockFirst = [Row(Offline, $"{minutes}", Block), Row(Offline, $"{days}", Wipe)];
        HealthCheckRow[] wipeFirst = [Row(Offline, $"{days}", Wipe), Row(Offline, $"{minutes}", Block)];
        var message = $"Offline grace period with Wipe data ({days} days) must be longer than with Block access ({minutes} minutes)";

        var blockFirstProblems = HealthChecks.Validate(blockFirst);
        var wipeFirstProblems = HealthChecks.Validate(wipeFirst);

        Assert.Equal([new HealthCheckProblem(1, message)], blockFirstProblems);
        Assert.Equal([new HealthCheckProblem(1, message)], wipeFirstProblems);
    }

    // ---- Validate: disabled account and threat level values ----

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_DisabledAccountWithoutValue_IsAccepted(string value)
    {
        HealthCheckRow[] rows = [Row(Disabled, value, Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("block")]
    public void Validate_DisabledAccountWithAValue_IsRefused(string value)
    {
        HealthCheckRow[] rows = [Row(Disabled, value, Wipe)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([new HealthCheckProblem(0, "Disabled account takes no value: leave Value empty")], problems);
    }

    [Theory]
    [InlineData("secured")]
    [InlineData("low")]
    [InlineData("medium")]
    [InlineData("high")]
    [InlineData("Medium")]
    public void Validate_ThreatLevelOfTheFour_IsAccepted(string value)
    {
        HealthCheckRow[] rows = [Row(Threat, value, Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("notConfigured")]
    [InlineData("critical")]
    [InlineData("2")]
    public void Validate_ThreatLevelNotOfTheFour_IsRefusedListingThem(string value)
    {
        HealthCheckRow[] rows = [Row(Threat, value, Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal(
            [new HealthCheckProblem(0, "Choose a threat level for Max allowed device threat level: Secured, Low, Medium or High")],
            problems);
    }

    [Fact]
    public void Validate_ThreatRowWithWarnAndBadLevel_ReportsBothAtTheRow()
    {
        HealthCheckRow[] rows = [Row(Threat, "critical", Warn)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal(
            [
                new HealthCheckProblem(0, "Max allowed device threat level supports Block access or Wipe data only"),
                new HealthCheckProblem(0, "Choose a threat level for Max allowed device threat level: Secured, Low, Medium or High"),
            ],
            problems);
    }

    // ---- Validate: duplicates ----

    [Theory]
    [InlineData(Offline, "60", "120", Block, "Offline grace period with Block access is already in the table")]
    [InlineData(Offline, "60", "120", Wipe, "Offline grace period with Wipe data is already in the table")]
    [InlineData(MinApp, "1.0", "2.0", Warn, "Min app version with Warn is already in the table")]
    [InlineData(MinSdk, "1.0", "1.0", Wipe, "Min SDK version with Wipe data is already in the table")]
    [InlineData(MinOs, "10.0.1", "10.0.2", Block, "Min OS version with Block access is already in the table")]
    [InlineData(MaxOs, "10.0.1", "10.0.2", Warn, "Max OS version with Warn is already in the table")]
    [InlineData(Disabled, "", "", Block, "Disabled account is already in the table: a policy has one Disabled account row")]
    [InlineData(Threat, "low", "high", Block, "Max allowed device threat level is already in the table: a policy has one Max allowed device threat level row")]
    public void Validate_SameSettingAndActionTwice_IsRefusedAtTheSecondRow(
        HealthCheckSetting setting, string first, string second, HealthCheckAction action, string message)
    {
        HealthCheckRow[] rows = [Row(setting, first, action), Row(MaxOs, "99.0", Wipe), Row(setting, second, action)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([new HealthCheckProblem(2, message)], problems);
    }

    [Theory]
    [InlineData(Disabled, "", "", "Disabled account is already in the table: a policy has one Disabled account row")]
    [InlineData(Threat, "low", "medium", "Max allowed device threat level is already in the table: a policy has one Max allowed device threat level row")]
    public void Validate_SingleRowSettingWithBlockAndWipe_IsRefusedBecauseGraphKeepsOneAction(
        HealthCheckSetting setting, string first, string second, string message)
    {
        HealthCheckRow[] rows = [Row(setting, first, Block), Row(setting, second, Wipe)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([new HealthCheckProblem(1, message)], problems);
    }

    [Fact]
    public void Validate_SameSettingWithDifferentActions_IsAccepted()
    {
        HealthCheckRow[] rows = [Row(MinOs, "10.0.3", Warn), Row(MinOs, "10.0.2", Block), Row(MinOs, "10.0.1", Wipe)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_RefusedThreatWarnRow_DoesNotMakeTheBlockRowADuplicate()
    {
        HealthCheckRow[] rows = [Row(Threat, "low", Warn), Row(Threat, "low", Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([new HealthCheckProblem(0, "Max allowed device threat level supports Block access or Wipe data only")], problems);
    }

    [Fact]
    public void Validate_DuplicateRow_IsLeftOutOfTheOrderingRules()
    {
        HealthCheckRow[] rows = [Row(MinOs, "10.0.5", Block), Row(MinOs, "10.0.1", Warn), Row(MinOs, "10.0.9", Block)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([1, 2], problems.Select(p => p.RowIndex));
        Assert.Contains("must not be higher than", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("Min OS version with Block access is already in the table", problems[1].Message);
    }

    // ---- Validate: version ordering ----

    [Theory]
    [InlineData(MinApp, Wipe, "1.0", Block, "2.0")]
    [InlineData(MinApp, Wipe, "2.0", Block, "2.0")]
    [InlineData(MinApp, Block, "1.0", Warn, "2.0")]
    [InlineData(MinApp, Block, "2.0", Warn, "2.0.0.0")]
    [InlineData(MinApp, Wipe, "1.0", Warn, "1.0.0.1")]
    [InlineData(MinSdk, Wipe, "1.9", Block, "1.10")]
    [InlineData(MinOs, Wipe, "10.0.19045", Block, "10.0.22621.2506")]
    [InlineData(MinOs, Block, "10.0.22621.2506", Warn, "10.0.22631")]
    [InlineData(MinOs, Wipe, "10.0", Warn, "10.0.0.0")]
    [InlineData(MaxOs, Warn, "10.0.26100", Block, "10.0.26200")]
    [InlineData(MaxOs, Warn, "10.0.26100", Block, "10.0.26100.0")]
    [InlineData(MaxOs, Block, "10.0.26100", Wipe, "10.0.27000")]
    [InlineData(MaxOs, Warn, "10.0.26100", Wipe, "11.0")]
    public void Validate_VersionsInTheRequiredOrder_AreAcceptedInEitherRowOrder(
        HealthCheckSetting setting, HealthCheckAction lowerAction, string lowerVersion, HealthCheckAction higherAction, string higherVersion)
    {
        HealthCheckRow[] lowerFirst = [Row(setting, lowerVersion, lowerAction), Row(setting, higherVersion, higherAction)];
        HealthCheckRow[] higherFirst = [Row(setting, higherVersion, higherAction), Row(setting, lowerVersion, lowerAction)];

        var lowerFirstProblems = HealthChecks.Validate(lowerFirst);
        var higherFirstProblems = HealthChecks.Validate(higherFirst);

        Assert.Empty(lowerFirstProblems);
        Assert.Empty(higherFirstProblems);
    }

    [Theory]
    [InlineData(MinApp, Wipe, "2.0", Block, "1.0", "Min app version with Wipe data (2.0) must not be higher than with Block access (1.0): stricter actions apply at lower versions")]
    [InlineData(MinApp, Block, "2.0.1", Warn, "2.0", "Min app version with Block access (2.0.1) must not be higher than with Warn (2.0): stricter actions apply at lower versions")]
    [InlineData(MinApp, Wipe, "3.0", Warn, "2.9.9.9", "Min app version with Wipe data (3.0) must not be higher than with Warn (2.9.9.9): stricter actions apply at lower versions")]
    [InlineData(MinSdk, Wipe, "1.10", Block, "1.9", "Min SDK version with Wipe data (1.10) must not be higher than with Block access (1.9): stricter actions apply at lower versions")]
    [InlineData(MinOs, Wipe, "10.0.22631", Block, "10.0.22621.2506", "Min OS version with Wipe data (10.0.22631) must not be higher than with Block access (10.0.22621.2506): stricter actions apply at lower versions")]
    [InlineData(MinOs, Block, "10.0.22631", Warn, "10.0.22621", "Min OS version with Block access (10.0.22631) must not be higher than with Warn (10.0.22621): stricter actions apply at lower versions")]
    [InlineData(MinOs, Wipe, "10.0.0.1", Warn, "10.0", "Min OS version with Wipe data (10.0.0.1) must not be higher than with Warn (10.0): stricter actions apply at lower versions")]
    [InlineData(MaxOs, Warn, "10.0.26200", Block, "10.0.26100", "Max OS version with Warn (10.0.26200) must not be higher than with Block access (10.0.26100): stricter actions apply at higher versions")]
    [InlineData(MaxOs, Block, "10.0.27000", Wipe, "10.0.26100", "Max OS version with Block access (10.0.27000) must not be higher than with Wipe data (10.0.26100): stricter actions apply at higher versions")]
    [InlineData(MaxOs, Warn, "11.0", Wipe, "10.0.99999", "Max OS version with Warn (11.0) must not be higher than with Wipe data (10.0.99999): stricter actions apply at higher versions")]
    public void Validate_VersionsOutOfTheRequiredOrder_AreRefusedAtTheLaterRowInEitherRowOrder(
        HealthCheckSetting setting, HealthCheckAction mustBeLowerAction, string version1, HealthCheckAction mustBeHigherAction, string version2, string message)
    {
        HealthCheckRow[] asListed = [Row(setting, version1, mustBeLowerAction), Row(setting, version2, mustBeHigherAction)];
        HealthCheckRow[] reversed = [Row(setting, version2, mustBeHigherAction), Row(setting, version1, mustBeLowerAction)];

        var asListedProblems = HealthChecks.Validate(asListed);
        var reversedProblems = HealthChecks.Validate(reversed);

        Assert.Equal([new HealthCheckProblem(1, message)], asListedProblems);
        Assert.Equal([new HealthCheckProblem(1, message)], reversedProblems);
    }

    [Fact]
    public void Validate_MinOsFullyReversed_ReportsEveryBrokenPair()
    {
        HealthCheckRow[] rows = [Row(MinOs, "10.0.1", Warn), Row(MinOs, "10.0.2", Block), Row(MinOs, "10.0.3", Wipe)];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([1, 2, 2], problems.Select(p => p.RowIndex));
    }

    [Fact]
    public void Validate_InvalidVersionRow_IsLeftOutOfTheOrderingRules()
    {
        HealthCheckRow[] rows = [Row(MinOs, "10.0.5", Block), Row(MinOs, "22631.3155", Warn)];

        var problems = HealthChecks.Validate(rows);

        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.RowIndex);
        Assert.Contains("Write the full version", problem.Message, StringComparison.Ordinal);
    }

    // ---- Validate: Min OS below Max OS ----

    [Theory]
    [InlineData(Warn, "10.0.22621", Warn, "10.0.22631")]
    [InlineData(Block, "10.0.22621.2506", Warn, "10.0.22641")]
    [InlineData(Wipe, "10.0", Wipe, "10.0.0.1")]
    [InlineData(Block, "10.0.99999", Block, "11.0")]
    public void Validate_MinOsBelowMaxOs_IsAccepted(HealthCheckAction minAction, string min, HealthCheckAction maxAction, string max)
    {
        HealthCheckRow[] rows = [Row(MinOs, min, minAction), Row(MaxOs, max, maxAction)];

        var problems = HealthChecks.Validate(rows);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(Block, "10.0.22631", Block, "10.0.22631")]
    [InlineData(Block, "10.0", Warn, "10.0.0.0")]
    [InlineData(Warn, "10.0.22641", Wipe, "10.0.22631")]
    [InlineData(Wipe, "11.0", Block, "10.0.99999")]
    public void Validate_MinOsNotBelowMaxOs_IsRefusedAtTheLaterRowInEitherOrder(
        HealthCheckAction minAction, string min, HealthCheckAction maxAction, string max)
    {
        HealthCheckRow[] minFirst = [Row(MinOs, min, minAction), Row(MaxOs, max, maxAction)];
        HealthCheckRow[] maxFirst = [Row(MaxOs, max, maxAction), Row(MinOs, min, minAction)];
        var message = $"Min OS version must be lower than Max OS version: {min} with {HealthChecks.ActionLabel(minAction)} " +
            $"is not below {max} with {HealthChecks.ActionLabel(maxAction)}";

        var minFirstProblems = HealthChecks.Validate(minFirst);
        var maxFirstProblems = HealthChecks.Validate(maxFirst);

        Assert.Equal([new HealthCheckProblem(1, message)], minFirstProblems);
        Assert.Equal([new HealthCheckProblem(1, message)], maxFirstProblems);
    }

    [Fact]
    public void Validate_EveryMinOsRow_MustBeBelowEveryMaxOsRow()
    {
        HealthCheckRow[] rows =
        [
            Row(MinOs, "10.0.30000", Warn),
            Row(MinOs, "10.0.22621", Block),
            Row(MaxOs, "10.0.26100", Warn),
            Row(MaxOs, "10.0.40000", Block),
        ];

        var problems = HealthChecks.Validate(rows);

        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.RowIndex);
        Assert.StartsWith("Min OS version must be lower than Max OS version", problem.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.30000 with Warn is not below 10.0.26100 with Warn", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProblemsOnSeveralRows_AreOrderedByRow()
    {
        HealthCheckRow[] rows =
        [
            Row(MaxOs, "10.0.1", Block),
            Row(Threat, "low", Warn),
            Row(Offline, "0", Block),
            Row(MinOs, "10.0.2", Block),
        ];

        var problems = HealthChecks.Validate(rows);

        Assert.Equal([1, 2, 3], problems.Select(p => p.RowIndex));
    }

    [Theory]
    [InlineData("10.0.22631.4460", true)]
    [InlineData("abc", false)]
    [InlineData("22631.3155", false)]
    [InlineData("", false)]
    public void CheckVersion_Text_IsTheWizardsVersionRule(string text, bool accepted)
    {
        var message = HealthChecks.CheckVersion("OS version", text);

        Assert.Equal(accepted, message is null);
        if (text == "22631.3155")
        {
            Assert.Contains("10.0.22631.3155", message, StringComparison.Ordinal);
        }
    }
}
