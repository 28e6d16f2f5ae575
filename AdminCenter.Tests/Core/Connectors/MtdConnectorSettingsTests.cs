using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class MtdConnectorSettingsTests
{
    public static TheoryData<ConnectorToggle> AllToggles => new(Enum.GetValues<ConnectorToggle>());

    public static TheoryData<string> AllPartnerIds => new(PartnerCatalog.All.Select(p => p.ConnectorId));

    [Fact]
    public void New_Defaults_AllTogglesOffAndThresholdSeven()
    {
        var settings = new MtdConnectorSettings();

        var onToggles = Enum.GetValues<ConnectorToggle>().Where(settings.Get);

        Assert.Empty(onToggles);
        Assert.Equal(7, settings.PartnerUnresponsivenessThresholdInDays);
        Assert.Equal(MtdConnectorSettings.DefaultUnresponsivenessThresholdInDays, settings.PartnerUnresponsivenessThresholdInDays);
    }

    [Fact]
    public void Limits_Threshold_IsOneToNinety()
    {
        var (min, max) = (MtdConnectorSettings.MinUnresponsivenessThresholdInDays, MtdConnectorSettings.MaxUnresponsivenessThresholdInDays);

        Assert.Equal(1, min);
        Assert.Equal(90, max);
    }

    [Fact]
    public void DefaultsFor_WindowsSecurityCenter_TurnsOnlyWindowsAppProtectionOn()
    {
        var windowsSecurityCenter = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);

        var settings = MtdConnectorSettings.DefaultsFor(windowsSecurityCenter);

        Assert.Equal([ConnectorToggle.WindowsMobileApplicationManagementEnabled], Enum.GetValues<ConnectorToggle>().Where(settings.Get));
        Assert.Equal(7, settings.PartnerUnresponsivenessThresholdInDays);
    }

    [Theory]
    [MemberData(nameof(AllPartnerIds))]
    public void DefaultsFor_AnyPartner_IsAllOffButWindowsSecurityCenterMam(string partnerId)
    {
        var partner = PartnerCatalog.Get(partnerId);

        var settings = MtdConnectorSettings.DefaultsFor(partner);

        var expected = partnerId == PartnerCatalog.WindowsSecurityCenterId
            ? new MtdConnectorSettings { WindowsMobileApplicationManagementEnabled = true }
            : new MtdConnectorSettings();
        Assert.Equal(expected, settings);
    }

    [Theory]
    [MemberData(nameof(AllToggles))]
    public void With_ToggleOn_GetReturnsTrueAndNoOtherToggleChanges(ConnectorToggle toggle)
    {
        var settings = new MtdConnectorSettings();

        var changed = settings.With(toggle, true);

        Assert.True(changed.Get(toggle));
        Assert.Equal([toggle], Enum.GetValues<ConnectorToggle>().Where(changed.Get));
        Assert.False(settings.Get(toggle));
        Assert.Equal(settings.PartnerUnresponsivenessThresholdInDays, changed.PartnerUnresponsivenessThresholdInDays);
    }

    [Theory]
    [MemberData(nameof(AllToggles))]
    public void With_ToggleOff_GetReturnsFalseAndOtherTogglesStayOn(ConnectorToggle toggle)
    {
        var allOn = Enum.GetValues<ConnectorToggle>().Aggregate(new MtdConnectorSettings(), (s, t) => s.With(t, true));

        var changed = allOn.With(toggle, false);

        Assert.False(changed.Get(toggle));
        Assert.Equal(Enum.GetValues<ConnectorToggle>().Where(t => t != toggle), Enum.GetValues<ConnectorToggle>().Where(changed.Get));
    }

    [Theory]
    [MemberData(nameof(AllToggles))]
    public void With_RoundTrip_ReturnsEqualSettings(ConnectorToggle toggle)
    {
        var settings = new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = 30 };

        var roundTripped = settings.With(toggle, true).With(toggle, false);

        Assert.Equal(settings, roundTripped);
    }

    [Fact]
    public void Get_UndefinedToggle_Throws()
    {
        var settings = new MtdConnectorSettings();

        Func<object> act = () => settings.Get((ConnectorToggle)999);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Fact]
    public void With_UndefinedToggle_Throws()
    {
        var settings = new MtdConnectorSettings();

        var act = () => settings.With((ConnectorToggle)999, true);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Theory]
    [InlineData(ConnectorToggle.AndroidEnabled, true)]
    [InlineData(ConnectorToggle.IosEnabled, true)]
    [InlineData(ConnectorToggle.WindowsEnabled, true)]
    [InlineData(ConnectorToggle.AndroidMobileApplicationManagementEnabled, true)]
    [InlineData(ConnectorToggle.IosMobileApplicationManagementEnabled, true)]
    [InlineData(ConnectorToggle.WindowsMobileApplicationManagementEnabled, true)]
    [InlineData(ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData, false)]
    [InlineData(ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, false)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata, false)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, false)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, false)]
    [InlineData(ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, false)]
    [InlineData(ConnectorToggle.PartnerUnsupportedOsVersionBlocked, false)]
    [InlineData(ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, false)]
    public void ConnectsAnyPlatform_OneToggleOn_TrueOnlyForPlatformConnections(ConnectorToggle toggle, bool expected)
    {
        var settings = new MtdConnectorSettings().With(toggle, true);

        var connects = settings.ConnectsAnyPlatform;

        Assert.Equal(expected, connects);
    }

    [Fact]
    public void ConnectsAnyPlatform_AllOff_IsFalse()
    {
        var settings = new MtdConnectorSettings();

        var connects = settings.ConnectsAnyPlatform;

        Assert.False(connects);
    }

    [Fact]
    public void ConnectsAnyPlatform_OnlyNonPlatformTogglesOn_IsFalse()
    {
        var settings = ConnectorToggles.All.Where(d => !d.IsPlatformConnection)
            .Aggregate(new MtdConnectorSettings(), (s, d) => s.With(d.Toggle, true));

        var connects = settings.ConnectsAnyPlatform;

        Assert.False(connects);
    }

    [Theory]
    [InlineData(false, false, false, MtdPlatforms.None)]
    [InlineData(true, false, false, MtdPlatforms.Android)]
    [InlineData(false, true, false, MtdPlatforms.Ios)]
    [InlineData(false, false, true, MtdPlatforms.Windows)]
    [InlineData(true, true, false, MtdPlatforms.Android | MtdPlatforms.Ios)]
    [InlineData(true, true, true, MtdPlatforms.Android | MtdPlatforms.Ios | MtdPlatforms.Windows)]
    public void AppProtectionPlatforms_MamToggles_AreTheFlagsOfTheOnes(bool android, bool ios, bool windows, MtdPlatforms expected)
    {
        var settings = new MtdConnectorSettings
        {
            AndroidMobileApplicationManagementEnabled = android,
            IosMobileApplicationManagementEnabled = ios,
            WindowsMobileApplicationManagementEnabled = windows,
        };

        var platforms = settings.AppProtectionPlatforms;

        Assert.Equal(expected, platforms);
    }

    [Fact]
    public void AppProtectionPlatforms_ComplianceConnectionsOn_AreNotAppProtection()
    {
        var settings = new MtdConnectorSettings { AndroidEnabled = true, IosEnabled = true, WindowsEnabled = true };

        var platforms = settings.AppProtectionPlatforms;

        Assert.Equal(MtdPlatforms.None, platforms);
    }
}
