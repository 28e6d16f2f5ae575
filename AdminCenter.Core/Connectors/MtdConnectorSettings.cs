namespace AdminCenter.Core.Connectors;

/// <summary>What an admin sets on a connector: every toggle of spec 02 (all default Off) and the threshold.</summary>
public sealed record MtdConnectorSettings
{
    public const int DefaultUnresponsivenessThresholdInDays = 7;
    public const int MinUnresponsivenessThresholdInDays = 1;
    public const int MaxUnresponsivenessThresholdInDays = 90;

    public bool AndroidEnabled { get; init; }
    public bool IosEnabled { get; init; }
    public bool AndroidDeviceBlockedOnMissingPartnerData { get; init; }
    public bool IosDeviceBlockedOnMissingPartnerData { get; init; }
    public bool AllowPartnerToCollectIOSApplicationMetadata { get; init; }
    public bool AllowPartnerToCollectIOSPersonalApplicationMetadata { get; init; }
    public bool AllowPartnerToCollectIosCertificateMetadata { get; init; }
    public bool AllowPartnerToCollectIosPersonalCertificateMetadata { get; init; }
    public bool PartnerUnsupportedOsVersionBlocked { get; init; }
    public bool WindowsEnabled { get; init; }
    public bool MicrosoftDefenderForEndpointAttachEnabled { get; init; }
    public bool AndroidMobileApplicationManagementEnabled { get; init; }
    public bool IosMobileApplicationManagementEnabled { get; init; }
    public bool WindowsMobileApplicationManagementEnabled { get; init; }

    /// <summary>Whole days of partner silence before the connector becomes Unresponsive (1 to 90).</summary>
    public int PartnerUnresponsivenessThresholdInDays { get; init; } = DefaultUnresponsivenessThresholdInDays;

    /// <summary>The settings a new connector for <paramref name="partner"/> starts with.</summary>
    public static MtdConnectorSettings DefaultsFor(MtdPartner partner) => new()
    {
        // (decision, spec 02) Windows Security Center exists only for app protection evaluation, so it starts On.
        WindowsMobileApplicationManagementEnabled = partner.IsActivatedByAppProtection,
    };

    public bool Get(ConnectorToggle toggle) => toggle switch
    {
        ConnectorToggle.AndroidEnabled => AndroidEnabled,
        ConnectorToggle.IosEnabled => IosEnabled,
        ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData => AndroidDeviceBlockedOnMissingPartnerData,
        ConnectorToggle.IosDeviceBlockedOnMissingPartnerData => IosDeviceBlockedOnMissingPartnerData,
        ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata => AllowPartnerToCollectIOSApplicationMetadata,
        ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata => AllowPartnerToCollectIOSPersonalApplicationMetadata,
        ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata => AllowPartnerToCollectIosCertificateMetadata,
        ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata => AllowPartnerToCollectIosPersonalCertificateMetadata,
        ConnectorToggle.PartnerUnsupportedOsVersionBlocked => PartnerUnsupportedOsVersionBlocked,
        ConnectorToggle.WindowsEnabled => WindowsEnabled,
        ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled => MicrosoftDefenderForEndpointAttachEnabled,
        ConnectorToggle.AndroidMobileApplicationManagementEnabled => AndroidMobileApplicationManagementEnabled,
        ConnectorToggle.IosMobileApplicationManagementEnabled => IosMobileApplicationManagementEnabled,
        ConnectorToggle.WindowsMobileApplicationManagementEnabled => WindowsMobileApplicationManagementEnabled,
        _ => throw new ArgumentOutOfRangeException(nameof(toggle)),
    };

    public MtdConnectorSettings With(ConnectorToggle toggle, bool value) => toggle switch
    {
        ConnectorToggle.AndroidEnabled => this with { AndroidEnabled = value },
        ConnectorToggle.IosEnabled => this with { IosEnabled = value },
        ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData => this with { AndroidDeviceBlockedOnMissingPartnerData = value },
        ConnectorToggle.IosDeviceBlockedOnMissingPartnerData => this with { IosDeviceBlockedOnMissingPartnerData = value },
        ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata => this with { AllowPartnerToCollectIOSApplicationMetadata = value },
        ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata => this with { AllowPartnerToCollectIOSPersonalApplicationMetadata = value },
        ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata => this with { AllowPartnerToCollectIosCertificateMetadata = value },
        ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata => this with { AllowPartnerToCollectIosPersonalCertificateMetadata = value },
        ConnectorToggle.PartnerUnsupportedOsVersionBlocked => this with { PartnerUnsupportedOsVersionBlocked = value },
        ConnectorToggle.WindowsEnabled => this with { WindowsEnabled = value },
        ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled => this with { MicrosoftDefenderForEndpointAttachEnabled = value },
        ConnectorToggle.AndroidMobileApplicationManagementEnabled => this with { AndroidMobileApplicationManagementEnabled = value },
        ConnectorToggle.IosMobileApplicationManagementEnabled => this with { IosMobileApplicationManagementEnabled = value },
        ConnectorToggle.WindowsMobileApplicationManagementEnabled => this with { WindowsMobileApplicationManagementEnabled = value },
        _ => throw new ArgumentOutOfRangeException(nameof(toggle)),
    };

    /// <summary>True when at least one platform is connected: the connector is then Enabled rather than Available.</summary>
    public bool ConnectsAnyPlatform =>
        ConnectorToggles.All.Any(d => d.IsPlatformConnection && Get(d.Toggle));

    /// <summary>The platforms this connector evaluates app protection policies for.</summary>
    public MtdPlatforms AppProtectionPlatforms =>
        (AndroidMobileApplicationManagementEnabled ? MtdPlatforms.Android : MtdPlatforms.None)
        | (IosMobileApplicationManagementEnabled ? MtdPlatforms.Ios : MtdPlatforms.None)
        | (WindowsMobileApplicationManagementEnabled ? MtdPlatforms.Windows : MtdPlatforms.None);
}
