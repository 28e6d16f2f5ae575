namespace AdminCenter.Core.Connectors;

/// <summary>The connector's on/off settings; each name is the Graph property's, in PascalCase.</summary>
public enum ConnectorToggle
{
    AndroidEnabled,
    IosEnabled,
    AndroidDeviceBlockedOnMissingPartnerData,
    IosDeviceBlockedOnMissingPartnerData,
    AllowPartnerToCollectIOSApplicationMetadata,
    AllowPartnerToCollectIOSPersonalApplicationMetadata,
    AllowPartnerToCollectIosCertificateMetadata,
    AllowPartnerToCollectIosPersonalCertificateMetadata,
    PartnerUnsupportedOsVersionBlocked,
    WindowsEnabled,
    MicrosoftDefenderForEndpointAttachEnabled,
    AndroidMobileApplicationManagementEnabled,
    IosMobileApplicationManagementEnabled,
    WindowsMobileApplicationManagementEnabled,
}

/// <summary>The headings the Add Connector pane groups toggles under.</summary>
public enum ToggleGroup
{
    ComplianceEvaluation,
    AppProtectionEvaluation,
}

/// <summary>How one toggle is shown and which partners offer it.</summary>
/// <param name="Toggle">The setting.</param>
/// <param name="Group">The heading it is shown under.</param>
/// <param name="LabelTemplate">The admin center's label; <c>&lt;partner&gt;</c> stands for the partner's name.</param>
/// <param name="IsOfferedBy">Whether a partner shows this toggle.</param>
/// <param name="PlatformConnection">The platform this toggle connects, when it is one (drives Available vs Enabled).</param>
public sealed record ConnectorToggleDefinition(
    ConnectorToggle Toggle,
    ToggleGroup Group,
    string LabelTemplate,
    Func<MtdPartner, bool> IsOfferedBy,
    MtdPlatforms PlatformConnection = MtdPlatforms.None)
{
    /// <summary>The Graph property name (camelCase), also the field name in validation messages.</summary>
    public string GraphName { get; } = char.ToLowerInvariant(Toggle.ToString()[0]) + Toggle.ToString()[1..];

    public bool IsPlatformConnection => PlatformConnection != MtdPlatforms.None;

    public string LabelFor(MtdPartner partner) => LabelTemplate.Replace("<partner>", partner.Name, StringComparison.Ordinal);
}

/// <summary>Every toggle of spec 02 in the order the admin center shows them.</summary>
public static class ConnectorToggles
{
    public const string ThresholdGraphName = "partnerUnresponsivenessThresholdInDays";
    public const string ThresholdLabel = "Number of days until partner is unresponsive";

    public static IReadOnlyList<ConnectorToggleDefinition> All { get; } =
    [
        new(ConnectorToggle.AndroidEnabled, ToggleGroup.ComplianceEvaluation,
            "Connect Android devices version 4.4 and above to <partner>", p => p.Supports(MtdPlatforms.Android), MtdPlatforms.Android),
        new(ConnectorToggle.IosEnabled, ToggleGroup.ComplianceEvaluation,
            "Connect iOS/iPadOS devices version 11.0 and above to <partner>", p => p.Supports(MtdPlatforms.Ios), MtdPlatforms.Ios),
        new(ConnectorToggle.WindowsEnabled, ToggleGroup.ComplianceEvaluation,
            "Connect Windows devices version 10.0.15063 and above to Microsoft Defender for Endpoint", p => p.SupportsWindowsCompliance, MtdPlatforms.Windows),
        new(ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, ToggleGroup.ComplianceEvaluation,
            "Allow Microsoft Defender for Endpoint to enforce Endpoint Security Configurations", p => p.SupportsWindowsCompliance),
        new(ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData, ToggleGroup.ComplianceEvaluation,
            "Mark Android devices noncompliant if no data is received", p => p.Supports(MtdPlatforms.Android)),
        new(ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, ToggleGroup.ComplianceEvaluation,
            "Mark iOS/iPadOS devices noncompliant if no data is received", p => p.Supports(MtdPlatforms.Ios)),
        new(ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata, ToggleGroup.ComplianceEvaluation,
            "Enable App Sync for iOS devices", p => p.Supports(MtdPlatforms.Ios)),
        new(ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, ToggleGroup.ComplianceEvaluation,
            "Send full application inventory data on personally-owned iOS/iPadOS devices", p => p.Supports(MtdPlatforms.Ios)),
        new(ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, ToggleGroup.ComplianceEvaluation,
            "Enable Certificate Sync for iOS/iPadOS devices", p => p.SupportsCertificateSync),
        new(ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, ToggleGroup.ComplianceEvaluation,
            "Send full certificate inventory data on personally-owned iOS/iPadOS devices", p => p.SupportsCertificateSync),
        new(ConnectorToggle.PartnerUnsupportedOsVersionBlocked, ToggleGroup.ComplianceEvaluation,
            "Block unsupported OS versions", p => p.HasMobilePlatforms),
        new(ConnectorToggle.AndroidMobileApplicationManagementEnabled, ToggleGroup.AppProtectionEvaluation,
            "Connect Android devices of version 4.4 and above to <partner> for app protection policy evaluation",
            p => p.SupportsAppProtection && p.Supports(MtdPlatforms.Android), MtdPlatforms.Android),
        new(ConnectorToggle.IosMobileApplicationManagementEnabled, ToggleGroup.AppProtectionEvaluation,
            "Connect iOS devices version 11.0 and above to <partner> for app protection policy evaluation",
            p => p.SupportsAppProtection && p.Supports(MtdPlatforms.Ios), MtdPlatforms.Ios),
        new(ConnectorToggle.WindowsMobileApplicationManagementEnabled, ToggleGroup.AppProtectionEvaluation,
            "Connect Windows devices to <partner> for app protection policy evaluation",
            p => p.SupportsAppProtection && p.Supports(MtdPlatforms.Windows), MtdPlatforms.Windows),
    ];

    private static readonly Dictionary<ConnectorToggle, ConnectorToggleDefinition> ByToggle = All.ToDictionary(d => d.Toggle);

    public static ConnectorToggleDefinition Get(ConnectorToggle toggle) => ByToggle[toggle];

    public static IReadOnlyList<ConnectorToggleDefinition> OfferedBy(MtdPartner partner, ToggleGroup group) =>
        All.Where(d => d.Group == group && d.IsOfferedBy(partner)).ToList();

    public static string GroupHeading(ToggleGroup group) => group switch
    {
        ToggleGroup.ComplianceEvaluation => "Compliance policy evaluation",
        ToggleGroup.AppProtectionEvaluation => "App protection policy evaluation",
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };
}
