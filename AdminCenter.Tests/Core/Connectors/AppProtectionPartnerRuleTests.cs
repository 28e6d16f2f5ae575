using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class AppProtectionPartnerRuleTests
{
    private static readonly MtdPartner Lookout = PartnerCatalog.Get("2c7790de-8b02-4814-85cf-e0c59380dee8");
    private static readonly MtdPartner Zimperium = PartnerCatalog.Get("08a8455c-48dd-45ff-ad82-7211355354f3");
    private static readonly MtdPartner Pradeo = PartnerCatalog.Get("8d0ed095-8191-4bd3-8a41-953b22d51ff7");
    private static readonly MtdPartner Defender = PartnerCatalog.Get(PartnerCatalog.MicrosoftDefenderForEndpointId);
    private static readonly MtdPartner WindowsSecurityCenter = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);

    private static readonly MtdConnectorSettings MobileMam = new() { AndroidMobileApplicationManagementEnabled = true, IosMobileApplicationManagementEnabled = true };
    private static readonly MtdConnectorSettings WindowsMam = new() { WindowsMobileApplicationManagementEnabled = true };

    [Fact]
    public void ValidateSettings_LookoutBesideDefenderOnAndroidAndIos_IsAccepted()
    {
        ExistingConnector[] others = [new(Defender, MobileMam)];

        var problems = ConnectorValidator.ValidateSettings(Lookout, MobileMam, others);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateSettings_DefenderBesideLookoutOnAndroidAndIos_IsAccepted()
    {
        ExistingConnector[] others = [new(Lookout, MobileMam)];

        var problems = ConnectorValidator.ValidateSettings(Defender, MobileMam, others);

        Assert.Empty(problems);
    }

    [Fact]
    public void ValidateSettings_ZimperiumWhenDefenderAndLookoutHoldIos_IsRefusedNamingLookout()
    {
        ExistingConnector[] others = [new(Defender, MobileMam), new(Lookout, new MtdConnectorSettings { IosMobileApplicationManagementEnabled = true })];

        var problems = ConnectorValidator.ValidateSettings(Zimperium, MobileMam, others);

        var problem = Assert.Single(problems);
        Assert.Equal("iosMobileApplicationManagementEnabled", problem.Field);
        Assert.Equal(
            "Lookout for Work already evaluates app protection policies for iOS/iPadOS devices. Only Microsoft Defender for Endpoint and one " +
            "other partner may; turn it off on Lookout for Work first.", problem.Message);
    }

    [Fact]
    public void ValidateSettings_DefenderWindowsWhileWindowsSecurityCenterHoldsIt_IsRefusedNamingIt()
    {
        ExistingConnector[] others = [new(WindowsSecurityCenter, WindowsMam)];

        var problems = ConnectorValidator.ValidateSettings(Defender, WindowsMam, others);

        Assert.Equal(
            "Windows Security Center already evaluates app protection policies for Windows devices. Only one partner may; turn it off on " +
            "Windows Security Center first.", Assert.Single(problems).Message);
    }

    [Fact]
    public void ValidateSettings_WindowsSecurityCenterWhileDefenderHoldsWindows_IsRefusedNamingDefender()
    {
        ExistingConnector[] others = [new(Defender, WindowsMam)];

        var problems = ConnectorValidator.ValidateSettings(WindowsSecurityCenter, WindowsMam, others);

        Assert.Contains("Microsoft Defender for Endpoint already evaluates", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lookout for Work", "Zimperium", true)]
    [InlineData("Microsoft Defender for Endpoint", "Zimperium", false)]
    [InlineData("Zimperium", "Microsoft Defender for Endpoint", false)]
    public void Holder_AndroidWithOneOtherHolder_RefusesOnlyASecondThirdParty(string partnerName, string holderName, bool refused)
    {
        var partner = PartnerCatalog.All.Single(p => p.Name == partnerName);
        var holder = PartnerCatalog.All.Single(p => p.Name == holderName);

        var result = AppProtectionPartnerRule.Holder(partner, MtdPlatforms.Android, [new(holder, MobileMam)]);

        Assert.Equal(refused, result is not null);
    }

    [Fact]
    public void DescribeDataUse_WindowsSecurityCenterWithWindowsOn_SaysItDecidesTheThreatLevelCheck()
    {
        var lines = AppProtectionPartnerRule.DescribeDataUse(WindowsSecurityCenter, WindowsMam, []);

        Assert.Equal(["Windows devices: this connector's reports decide the Max allowed device threat level check."], lines);
    }

    [Fact]
    public void DescribeDataUse_DefenderWithWindowsOffWhileWindowsSecurityCenterHoldsIt_NamesWindowsSecurityCenter()
    {
        var lines = AppProtectionPartnerRule.DescribeDataUse(Defender, MobileMam, [new(WindowsSecurityCenter, WindowsMam)]);

        Assert.Equal(3, lines.Count);
        Assert.Equal("Android devices: this connector's reports are used for app protection evaluation.", lines[0]);
        Assert.Equal("Windows devices: Windows Security Center's reports decide the Max allowed device threat level check, not this connector's.", lines[2]);
    }

    [Fact]
    public void DescribeDataUse_LookoutBesideDefender_SaysThePrimaryMtdServiceDecides()
    {
        var lines = AppProtectionPartnerRule.DescribeDataUse(Lookout, new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true }, [new(Defender, MobileMam)]);

        Assert.StartsWith("Android devices: this connector's reports are used for app protection evaluation together with Microsoft Defender for Endpoint's", lines[0], StringComparison.Ordinal);
        Assert.Contains("Primary MTD service", lines[0], StringComparison.Ordinal);
        Assert.Equal("iOS/iPadOS devices: app protection evaluation uses the reports of Microsoft Defender for Endpoint, not this connector's.", lines[1]);
    }

    [Fact]
    public void DescribeDataUse_PartnerWithoutAppProtection_SaysItsReportsAreNeverUsed()
    {
        var lines = AppProtectionPartnerRule.DescribeDataUse(Pradeo, new MtdConnectorSettings(), []);

        Assert.Equal(["Pradeo does not support app protection policy evaluation: app protection policies never use its reports."], lines);
    }
}
