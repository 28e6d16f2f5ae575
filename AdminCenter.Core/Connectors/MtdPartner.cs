namespace AdminCenter.Core.Connectors;

/// <summary>Device platforms a Mobile Threat Defense partner protects.</summary>
[Flags]
public enum MtdPlatforms
{
    None = 0,
    Android = 1,
    Ios = 2,
    Windows = 4,
}

/// <summary>One Mobile Threat Defense partner of the catalogue (spec 02, Partners).</summary>
/// <param name="Name">The partner's display name, also the connector's name.</param>
/// <param name="ConnectorId">The fixed Graph id of the partner's connector; not always a GUID.</param>
/// <param name="Platforms">The platforms the partner protects.</param>
/// <param name="SupportsAppProtection">Whether it evaluates app protection policies for unenrolled devices.</param>
/// <param name="SupportsCertificateSync">Whether it can collect iOS/iPadOS certificate inventory.</param>
/// <param name="IsMicrosoftService">Microsoft's own services get no classic Conditional Access policy.</param>
public sealed record MtdPartner(
    string Name,
    string ConnectorId,
    MtdPlatforms Platforms,
    bool SupportsAppProtection,
    bool SupportsCertificateSync = false,
    bool IsMicrosoftService = false)
{
    public bool Supports(MtdPlatforms platform) => (Platforms & platform) == platform;

    public bool HasMobilePlatforms => Supports(MtdPlatforms.Android) || Supports(MtdPlatforms.Ios);

    /// <summary>Windows Security Center has no partner service behind it: it is activated by MAM activity, not a heartbeat.</summary>
    public bool IsActivatedByAppProtection => ConnectorId == PartnerCatalog.WindowsSecurityCenterId;

    /// <summary>Third-party partners get a classic Conditional Access policy at first provisioning; Microsoft's services never do.</summary>
    public bool HasClassicConditionalAccessPolicy => !IsMicrosoftService;

    /// <summary>Defender for Endpoint alone connects enrolled Windows devices for compliance evaluation.</summary>
    public bool SupportsWindowsCompliance => ConnectorId == PartnerCatalog.MicrosoftDefenderForEndpointId;

    /// <summary>Graph beta's <c>partnerSupports{Android,Ios,Windows}Mam</c>: app protection evaluation on that platform.</summary>
    public bool SupportsAppProtectionOn(MtdPlatforms platform) => SupportsAppProtection && Supports(platform);

    /// <summary>
    /// Graph beta's <c>partnerMinimumSupported{Android,Ios,Mac,Windows}Version</c>: (decision) the versions the toggles of
    /// spec 02 name (Android 4.4, iOS/iPadOS 11.0, Windows 10.0.15063), null for a platform the partner does not protect.
    /// </summary>
    public string? MinimumSupportedVersion(MtdPlatforms platform) => !Supports(platform) ? null : platform switch
    {
        MtdPlatforms.Android => "4.4",
        MtdPlatforms.Ios => "11.0",
        MtdPlatforms.Windows => "10.0.15063",
        _ => null,
    };

    public string PlatformsDisplay
    {
        get
        {
            var names = new List<string>(3);
            if (Supports(MtdPlatforms.Android))
            {
                names.Add("Android");
            }
            if (Supports(MtdPlatforms.Ios))
            {
                names.Add("iOS/iPadOS");
            }
            if (Supports(MtdPlatforms.Windows))
            {
                names.Add(IsActivatedByAppProtection ? "Windows (MAM only)" : "Windows");
            }
            return string.Join(", ", names);
        }
    }
}
