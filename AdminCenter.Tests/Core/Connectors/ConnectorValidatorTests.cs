using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class ConnectorValidatorTests
{
    private static readonly MtdPartner Lookout = PartnerCatalog.Get("2c7790de-8b02-4814-85cf-e0c59380dee8");
    private static readonly MtdPartner Zimperium = PartnerCatalog.Get("08a8455c-48dd-45ff-ad82-7211355354f3");
    private static readonly MtdPartner Pradeo = PartnerCatalog.Get("8d0ed095-8191-4bd3-8a41-953b22d51ff7");
    private static readonly MtdPartner Defender = PartnerCatalog.Get(PartnerCatalog.MicrosoftDefenderForEndpointId);
    private static readonly MtdPartner WindowsSecurityCenter = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);

    [Theory]
    [InlineData(0)]
    [InlineData(91)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void ValidateSettings_ThresholdOutOfRange_IsRefusedWithTheThresholdMessage(int days)
    {
        var settings = new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = days };

        var problems = ConnectorValidator.ValidateSettings(Lookout, settings, []);

        var problem = Assert.Single(problems);
        Assert.Equal("partnerUnresponsivenessThresholdInDays", problem.Field);
        Assert.Equal(ConnectorValidator.ThresholdMessage, problem.Message);
        Assert.False(problem.IsConflict);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(90)]
    public void ValidateSettings_ThresholdInRange_IsAccepted(int days)
    {
        var settings = new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = days };

        var problems = ConnectorValidator.ValidateSettings(Lookout, settings, []);

        Assert.Empty(problems);
    }

    [Fact]
    public void ThresholdMessage_NamesTheLabelAndTheRange()
    {
        var message = ConnectorValidator.ThresholdMessage;

        Assert.Equal("Number of days until partner is unresponsive must be a whole number from 1 to 90.", message);
    }

    [Fact]
    public void ValidateNew_UnknownPartnerId_IsRefusedOnId()
    {
        const string unknownId = "11111111-2222-3333-4444-555555555555";

        var problems = ConnectorValidator.ValidateNew(unknownId, new MtdConnectorSettings(), []);

        var problem = Assert.Single(problems);
        Assert.Equal("id", problem.Field);
        Assert.Contains(unknownId, problem.Message, StringComparison.Ordinal);
        Assert.False(problem.IsConflict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ValidateNew_EmptyPartnerId_IsRefusedOnIdAskingToSelect(string? partnerId)
    {
        var settings = new MtdConnectorSettings();

        var problems = ConnectorValidator.ValidateNew(partnerId, settings, []);

        var problem = Assert.Single(problems);
        Assert.Equal(ConnectorValidator.PartnerField, problem.Field);
        Assert.Equal("id", problem.Field);
        Assert.Equal("Select the Mobile Threat Defense connector to set up.", problem.Message);
    }

    [Fact]
    public void ValidateNew_PartnerThatAlreadyHasAConnector_IsAConflictOnId()
    {
        ExistingConnector[] existing = [new(Lookout, new MtdConnectorSettings())];

        var problems = ConnectorValidator.ValidateNew(Lookout.ConnectorId, new MtdConnectorSettings(), existing);

        var problem = Assert.Single(problems);
        Assert.Equal("id", problem.Field);
        Assert.True(problem.IsConflict);
        Assert.Contains("Lookout for Work", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateNew_DuplicateIdInOtherCase_IsAConflict()
    {
        ExistingConnector[] existing = [new(Zimperium, new MtdConnectorSettings())];

        var problems = ConnectorValidator.ValidateNew(Zimperium.ConnectorId.ToUpperInvariant(), new MtdConnectorSettings(), existing);

        Assert.True(Assert.Single(problems).IsConflict);
    }

    [Fact]
    public void ValidateNew_DuplicatePartner_MakesTheServiceResultAConflict()
    {
        ExistingConnector[] existing = [new(Lookout, new MtdConnectorSettings())];
        var problems = ConnectorValidator.ValidateNew(Lookout.ConnectorId, new MtdConnectorSettings(), existing);

        var result = ServiceResult<MtdConnectorDetails>.Invalid(problems);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.NotNull(result.MessageFor("id"));
    }

    [Fact]
    public void ValidateNew_KnownPartnerWithValidSettings_IsAccepted()
    {
        ExistingConnector[] existing = [new(Lookout, new MtdConnectorSettings { AndroidEnabled = true })];

        var problems = ConnectorValidator.ValidateNew(Zimperium.ConnectorId, new MtdConnectorSettings { AndroidEnabled = true }, existing);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateNew_NewPartnerWithBadThreshold_RunsTheSettingsRules()
    {
        var settings = new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = 0 };

        var problems = ConnectorValidator.ValidateNew(Lookout.ConnectorId, settings, []);

        Assert.Equal(ConnectorValidator.ThresholdMessage, Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("8d0ed095-8191-4bd3-8a41-953b22d51ff7", ConnectorToggle.AndroidMobileApplicationManagementEnabled, "androidMobileApplicationManagementEnabled")]
    [InlineData("8d0ed095-8191-4bd3-8a41-953b22d51ff7", ConnectorToggle.IosMobileApplicationManagementEnabled, "iosMobileApplicationManagementEnabled")]
    [InlineData("2c7790de-8b02-4814-85cf-e0c59380dee8", ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, "allowPartnerToCollectIosCertificateMetadata")]
    [InlineData("2c7790de-8b02-4814-85cf-e0c59380dee8", ConnectorToggle.WindowsEnabled, "windowsEnabled")]
    [InlineData("2c7790de-8b02-4814-85cf-e0c59380dee8", ConnectorToggle.WindowsMobileApplicationManagementEnabled, "windowsMobileApplicationManagementEnabled")]
    [InlineData("e6f777f8-e4c2-4a5b-be01-50b5c124bc7f", ConnectorToggle.AndroidEnabled, "androidEnabled")]
    [InlineData("e6f777f8-e4c2-4a5b-be01-50b5c124bc7f", ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, "microsoftDefenderForEndpointAttachEnabled")]
    [InlineData("fc780465-2017-40d4-a0c5-307022471b92", ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, "allowPartnerToCollectIosPersonalCertificateMetadata")]
    public void ValidateSettings_ToggleThePartnerDoesNotOffer_IsRefusedOnItsGraphName(string partnerId, ConnectorToggle toggle, string field)
    {
        var partner = PartnerCatalog.Get(partnerId);
        var settings = new MtdConnectorSettings().With(toggle, true);

        var problems = ConnectorValidator.ValidateSettings(partner, settings, []);

        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains(partner.Name, problem.Message, StringComparison.Ordinal);
        Assert.False(problem.IsConflict);
    }

    [Fact]
    public void ValidateSettings_EveryToggleThePartnerOffers_IsAccepted()
    {
        var settings = ConnectorToggles.All.Where(d => d.IsOfferedBy(Zimperium))
            .Aggregate(new MtdConnectorSettings(), (s, d) => s.With(d.Toggle, true));

        var problems = ConnectorValidator.ValidateSettings(Zimperium, settings, []);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateSettings_AndroidMamHeldByZimperium_RefusesLookoutNamingZimperium()
    {
        ExistingConnector[] others = [new(Zimperium, new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true })];
        var settings = new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true };

        var problems = ConnectorValidator.ValidateSettings(Lookout, settings, others);

        var problem = Assert.Single(problems);
        Assert.Equal("androidMobileApplicationManagementEnabled", problem.Field);
        Assert.Contains("Zimperium", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Android", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateNew_AndroidMamHeldByZimperium_RefusesNewLookoutNamingZimperium()
    {
        ExistingConnector[] existing = [new(Zimperium, new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true })];
        var settings = new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true };

        var problems = ConnectorValidator.ValidateNew(Lookout.ConnectorId, settings, existing);

        Assert.Contains("Zimperium", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSettings_WindowsMamHeldByWindowsSecurityCenter_RefusesDefender()
    {
        ExistingConnector[] others = [new(WindowsSecurityCenter, MtdConnectorSettings.DefaultsFor(WindowsSecurityCenter))];
        var settings = new MtdConnectorSettings { WindowsMobileApplicationManagementEnabled = true };

        var problems = ConnectorValidator.ValidateSettings(Defender, settings, others);

        var problem = Assert.Single(problems);
        Assert.Equal("windowsMobileApplicationManagementEnabled", problem.Field);
        Assert.Contains("Windows Security Center", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSettings_PartnersOwnSettingsAmongOthers_DoNotClashWithItself()
    {
        var settings = new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true, IosMobileApplicationManagementEnabled = true };
        ExistingConnector[] others = [new(Zimperium, settings)];

        var problems = ConnectorValidator.ValidateSettings(Zimperium, settings, others);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateSettings_DifferentPlatforms_DoNotClash()
    {
        ExistingConnector[] others = [new(Zimperium, new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true })];
        var settings = new MtdConnectorSettings { IosMobileApplicationManagementEnabled = true };

        var problems = ConnectorValidator.ValidateSettings(Lookout, settings, others);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateSettings_SamePlatformForComplianceOnly_DoesNotClash()
    {
        ExistingConnector[] others = [new(Zimperium, new MtdConnectorSettings { AndroidEnabled = true, AndroidMobileApplicationManagementEnabled = true })];
        var settings = new MtdConnectorSettings { AndroidEnabled = true };

        var problems = ConnectorValidator.ValidateSettings(Lookout, settings, others);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateSettings_OtherPartnerHasMamOff_DoesNotClash()
    {
        ExistingConnector[] others = [new(Zimperium, new MtdConnectorSettings()), new(Pradeo, new MtdConnectorSettings { AndroidEnabled = true })];
        var settings = new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true };

        var problems = ConnectorValidator.ValidateSettings(Lookout, settings, others);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateSettings_SeveralProblems_ReportsEach()
    {
        ExistingConnector[] others = [new(Zimperium, new MtdConnectorSettings { IosMobileApplicationManagementEnabled = true })];
        var settings = new MtdConnectorSettings
        {
            PartnerUnresponsivenessThresholdInDays = 0,
            WindowsEnabled = true,
            IosMobileApplicationManagementEnabled = true,
        };

        var problems = ConnectorValidator.ValidateSettings(Lookout, settings, others);

        Assert.Equal(
            ["partnerUnresponsivenessThresholdInDays", "windowsEnabled", "iosMobileApplicationManagementEnabled"],
            problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("1", 1, true)]
    [InlineData(" 90 ", 90, true)]
    [InlineData("0", 0, false)]
    [InlineData("91", 91, false)]
    [InlineData("abc", 0, false)]
    [InlineData("", 0, false)]
    public void CheckThreshold_TypedText_AcceptsWholeDaysFromOneToNinety(string text, int expectedDays, bool accepted)
    {
        var message = ConnectorValidator.CheckThreshold(text, out var days);

        Assert.Equal(accepted ? null : ConnectorValidator.ThresholdMessage, message);
        Assert.Equal(expectedDays, days);
    }
}
