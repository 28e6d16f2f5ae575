using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class ConnectorTogglesTests
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Pradeo = "8d0ed095-8191-4bd3-8a41-953b22d51ff7";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";

    public static TheoryData<string, ToggleGroup, ConnectorToggle[]> OfferedToggles => new()
    {
        { PartnerCatalog.WindowsSecurityCenterId, ToggleGroup.ComplianceEvaluation, [] },
        { PartnerCatalog.WindowsSecurityCenterId, ToggleGroup.AppProtectionEvaluation, [ConnectorToggle.WindowsMobileApplicationManagementEnabled] },
        {
            PartnerCatalog.MicrosoftDefenderForEndpointId, ToggleGroup.ComplianceEvaluation,
            [
                ConnectorToggle.AndroidEnabled, ConnectorToggle.IosEnabled, ConnectorToggle.WindowsEnabled,
                ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData,
                ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata,
                ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, ConnectorToggle.PartnerUnsupportedOsVersionBlocked,
            ]
        },
        {
            PartnerCatalog.MicrosoftDefenderForEndpointId, ToggleGroup.AppProtectionEvaluation,
            [
                ConnectorToggle.AndroidMobileApplicationManagementEnabled, ConnectorToggle.IosMobileApplicationManagementEnabled,
                ConnectorToggle.WindowsMobileApplicationManagementEnabled,
            ]
        },
        {
            Zimperium, ToggleGroup.ComplianceEvaluation,
            [
                ConnectorToggle.AndroidEnabled, ConnectorToggle.IosEnabled, ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData,
                ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata,
                ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata,
                ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, ConnectorToggle.PartnerUnsupportedOsVersionBlocked,
            ]
        },
        {
            Zimperium, ToggleGroup.AppProtectionEvaluation,
            [ConnectorToggle.AndroidMobileApplicationManagementEnabled, ConnectorToggle.IosMobileApplicationManagementEnabled]
        },
        {
            Lookout, ToggleGroup.ComplianceEvaluation,
            [
                ConnectorToggle.AndroidEnabled, ConnectorToggle.IosEnabled, ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData,
                ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata,
                ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, ConnectorToggle.PartnerUnsupportedOsVersionBlocked,
            ]
        },
        {
            Lookout, ToggleGroup.AppProtectionEvaluation,
            [ConnectorToggle.AndroidMobileApplicationManagementEnabled, ConnectorToggle.IosMobileApplicationManagementEnabled]
        },
        {
            Pradeo, ToggleGroup.ComplianceEvaluation,
            [
                ConnectorToggle.AndroidEnabled, ConnectorToggle.IosEnabled, ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData,
                ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata,
                ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, ConnectorToggle.PartnerUnsupportedOsVersionBlocked,
            ]
        },
        { Pradeo, ToggleGroup.AppProtectionEvaluation, [] },
    };

    public static TheoryData<string> AllPartnerIds => new(PartnerCatalog.All.Select(p => p.ConnectorId));

    [Theory]
    [MemberData(nameof(OfferedToggles))]
    public void OfferedBy_Partner_OffersExactlyTheSpecTogglesOfTheGroup(string partnerId, ToggleGroup group, ConnectorToggle[] expected)
    {
        var partner = PartnerCatalog.Get(partnerId);

        var offered = ConnectorToggles.OfferedBy(partner, group);

        Assert.Equal(expected, offered.Select(d => d.Toggle));
        Assert.All(offered, d => Assert.Equal(group, d.Group));
    }

    [Theory]
    [MemberData(nameof(AllPartnerIds))]
    public void OfferedBy_AnyPartner_AppProtectionGroupIsShownExactlyForAppPartners(string partnerId)
    {
        var partner = PartnerCatalog.Get(partnerId);

        var offered = ConnectorToggles.OfferedBy(partner, ToggleGroup.AppProtectionEvaluation);

        Assert.Equal(partner.SupportsAppProtection, offered.Count > 0);
    }

    [Theory]
    [MemberData(nameof(AllPartnerIds))]
    public void OfferedBy_AnyPartner_WindowsComplianceTogglesOnlyForDefender(string partnerId)
    {
        var partner = PartnerCatalog.Get(partnerId);

        var offered = ConnectorToggles.OfferedBy(partner, ToggleGroup.ComplianceEvaluation).Select(d => d.Toggle).ToList();

        var isDefender = partnerId == PartnerCatalog.MicrosoftDefenderForEndpointId;
        Assert.Equal(isDefender, offered.Contains(ConnectorToggle.WindowsEnabled));
        Assert.Equal(isDefender, offered.Contains(ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled));
    }

    [Theory]
    [MemberData(nameof(AllPartnerIds))]
    public void OfferedBy_AnyPartner_CertificateTogglesOnlyForZimperium(string partnerId)
    {
        var partner = PartnerCatalog.Get(partnerId);

        var offered = ConnectorToggles.OfferedBy(partner, ToggleGroup.ComplianceEvaluation).Select(d => d.Toggle).ToList();

        var isZimperium = partnerId == Zimperium;
        Assert.Equal(isZimperium, offered.Contains(ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata));
        Assert.Equal(isZimperium, offered.Contains(ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata));
    }

    [Theory]
    [InlineData(ConnectorToggle.AndroidEnabled, "androidEnabled")]
    [InlineData(ConnectorToggle.IosEnabled, "iosEnabled")]
    [InlineData(ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData, "androidDeviceBlockedOnMissingPartnerData")]
    [InlineData(ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, "iosDeviceBlockedOnMissingPartnerData")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata, "allowPartnerToCollectIOSApplicationMetadata")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, "allowPartnerToCollectIOSPersonalApplicationMetadata")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, "allowPartnerToCollectIosCertificateMetadata")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, "allowPartnerToCollectIosPersonalCertificateMetadata")]
    [InlineData(ConnectorToggle.PartnerUnsupportedOsVersionBlocked, "partnerUnsupportedOsVersionBlocked")]
    [InlineData(ConnectorToggle.WindowsEnabled, "windowsEnabled")]
    [InlineData(ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, "microsoftDefenderForEndpointAttachEnabled")]
    [InlineData(ConnectorToggle.AndroidMobileApplicationManagementEnabled, "androidMobileApplicationManagementEnabled")]
    [InlineData(ConnectorToggle.IosMobileApplicationManagementEnabled, "iosMobileApplicationManagementEnabled")]
    [InlineData(ConnectorToggle.WindowsMobileApplicationManagementEnabled, "windowsMobileApplicationManagementEnabled")]
    public void GraphName_Toggle_IsTheSpecCamelCaseGraphProperty(ConnectorToggle toggle, string expected)
    {
        var definition = ConnectorToggles.Get(toggle);

        var graphName = definition.GraphName;

        Assert.Equal(expected, graphName);
    }

    [Theory]
    [InlineData(ConnectorToggle.AndroidEnabled, ToggleGroup.ComplianceEvaluation, "Connect Android devices version 4.4 and above to <partner>")]
    [InlineData(ConnectorToggle.IosEnabled, ToggleGroup.ComplianceEvaluation, "Connect iOS/iPadOS devices version 11.0 and above to <partner>")]
    [InlineData(ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData, ToggleGroup.ComplianceEvaluation, "Mark Android devices noncompliant if no data is received")]
    [InlineData(ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, ToggleGroup.ComplianceEvaluation, "Mark iOS/iPadOS devices noncompliant if no data is received")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata, ToggleGroup.ComplianceEvaluation, "Enable App Sync for iOS devices")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, ToggleGroup.ComplianceEvaluation, "Send full application inventory data on personally-owned iOS/iPadOS devices")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, ToggleGroup.ComplianceEvaluation, "Enable Certificate Sync for iOS/iPadOS devices")]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, ToggleGroup.ComplianceEvaluation, "Send full certificate inventory data on personally-owned iOS/iPadOS devices")]
    [InlineData(ConnectorToggle.PartnerUnsupportedOsVersionBlocked, ToggleGroup.ComplianceEvaluation, "Block unsupported OS versions")]
    [InlineData(ConnectorToggle.WindowsEnabled, ToggleGroup.ComplianceEvaluation, "Connect Windows devices version 10.0.15063 and above to Microsoft Defender for Endpoint")]
    [InlineData(ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, ToggleGroup.ComplianceEvaluation, "Allow Microsoft Defender for Endpoint to enforce Endpoint Security Configurations")]
    [InlineData(ConnectorToggle.AndroidMobileApplicationManagementEnabled, ToggleGroup.AppProtectionEvaluation, "Connect Android devices of version 4.4 and above to <partner> for app protection policy evaluation")]
    [InlineData(ConnectorToggle.IosMobileApplicationManagementEnabled, ToggleGroup.AppProtectionEvaluation, "Connect iOS devices version 11.0 and above to <partner> for app protection policy evaluation")]
    [InlineData(ConnectorToggle.WindowsMobileApplicationManagementEnabled, ToggleGroup.AppProtectionEvaluation, "Connect Windows devices to <partner> for app protection policy evaluation")]
    public void Get_Toggle_HasTheSpecLabelAndGroup(ConnectorToggle toggle, ToggleGroup group, string labelTemplate)
    {
        var key = toggle;

        var definition = ConnectorToggles.Get(key);

        Assert.Equal(toggle, definition.Toggle);
        Assert.Equal(group, definition.Group);
        Assert.Equal(labelTemplate, definition.LabelTemplate);
    }

    [Theory]
    [InlineData(ConnectorToggle.AndroidEnabled, MtdPlatforms.Android)]
    [InlineData(ConnectorToggle.IosEnabled, MtdPlatforms.Ios)]
    [InlineData(ConnectorToggle.WindowsEnabled, MtdPlatforms.Windows)]
    [InlineData(ConnectorToggle.AndroidMobileApplicationManagementEnabled, MtdPlatforms.Android)]
    [InlineData(ConnectorToggle.IosMobileApplicationManagementEnabled, MtdPlatforms.Ios)]
    [InlineData(ConnectorToggle.WindowsMobileApplicationManagementEnabled, MtdPlatforms.Windows)]
    [InlineData(ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData, MtdPlatforms.None)]
    [InlineData(ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, MtdPlatforms.None)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata, MtdPlatforms.None)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, MtdPlatforms.None)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, MtdPlatforms.None)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, MtdPlatforms.None)]
    [InlineData(ConnectorToggle.PartnerUnsupportedOsVersionBlocked, MtdPlatforms.None)]
    [InlineData(ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, MtdPlatforms.None)]
    public void PlatformConnection_Toggle_IsThePlatformItConnects(ConnectorToggle toggle, MtdPlatforms expected)
    {
        var definition = ConnectorToggles.Get(toggle);

        var platform = definition.PlatformConnection;

        Assert.Equal(expected, platform);
        Assert.Equal(expected != MtdPlatforms.None, definition.IsPlatformConnection);
    }

    [Fact]
    public void LabelFor_PartnerPlaceholder_IsReplacedByThePartnerName()
    {
        var lookout = PartnerCatalog.Get(Lookout);
        var definition = ConnectorToggles.Get(ConnectorToggle.AndroidMobileApplicationManagementEnabled);

        var label = definition.LabelFor(lookout);

        Assert.Equal("Connect Android devices of version 4.4 and above to Lookout for Work for app protection policy evaluation", label);
    }

    [Fact]
    public void LabelFor_WindowsSecurityCenter_NamesItInTheWindowsAppProtectionLabel()
    {
        var windowsSecurityCenter = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);
        var definition = ConnectorToggles.Get(ConnectorToggle.WindowsMobileApplicationManagementEnabled);

        var label = definition.LabelFor(windowsSecurityCenter);

        Assert.Equal("Connect Windows devices to Windows Security Center for app protection policy evaluation", label);
    }

    [Theory]
    [MemberData(nameof(AllPartnerIds))]
    public void LabelFor_EveryToggleAndPartner_LeavesNoPlaceholder(string partnerId)
    {
        var partner = PartnerCatalog.Get(partnerId);

        var labels = ConnectorToggles.All.Select(d => d.LabelFor(partner)).ToList();

        Assert.All(labels, label => Assert.DoesNotContain("<partner>", label, StringComparison.Ordinal));
        Assert.Contains(labels, label => label.Contains(partner.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void All_DefinesEachOfTheFourteenTogglesOnce()
    {
        var definitions = ConnectorToggles.All;

        Assert.Equal(14, definitions.Count);
        Assert.Equal(Enum.GetValues<ConnectorToggle>().Order(), definitions.Select(d => d.Toggle).Order());
    }

    [Fact]
    public void All_GraphNames_AreUnique()
    {
        var definitions = ConnectorToggles.All;

        Assert.Equal(definitions.Count, definitions.Select(d => d.GraphName).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(ToggleGroup.ComplianceEvaluation, "Compliance policy evaluation")]
    [InlineData(ToggleGroup.AppProtectionEvaluation, "App protection policy evaluation")]
    public void GroupHeading_Group_IsTheSpecHeading(ToggleGroup group, string expected)
    {
        var key = group;

        var heading = ConnectorToggles.GroupHeading(key);

        Assert.Equal(expected, heading);
    }

    [Fact]
    public void ThresholdNames_AreTheSpecGraphPropertyAndLabel()
    {
        var (graphName, label) = (ConnectorToggles.ThresholdGraphName, ConnectorToggles.ThresholdLabel);

        Assert.Equal("partnerUnresponsivenessThresholdInDays", graphName);
        Assert.Equal("Number of days until partner is unresponsive", label);
    }
}
