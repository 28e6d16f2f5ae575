using System.Diagnostics.CodeAnalysis;

namespace AdminCenter.Core.Connectors;

/// <summary>The Mobile Threat Defense partners AdminCenter knows (spec 02). Data, not code branches.</summary>
public static class PartnerCatalog
{
    public const string WindowsSecurityCenterId = "e6f777f8-e4c2-4a5b-be01-50b5c124bc7f";
    public const string MicrosoftDefenderForEndpointId = "fc780465-2017-40d4-a0c5-307022471b92";

    private const MtdPlatforms Mobile = MtdPlatforms.Android | MtdPlatforms.Ios;

    public static IReadOnlyList<MtdPartner> All { get; } =
    [
        new("Better Mobile", "860d3ab4-8fd1-45f5-89cd-ecf51e4f92e5", Mobile, SupportsAppProtection: true),
        new("BlackBerry Protect Mobile", "a447eca6-a986-4d3f-9838-5862bf50776c", Mobile, SupportsAppProtection: true),
        new("Check Point Harmony Mobile", "d3ddeae8-441f-4681-b80f-aef644f7195a", Mobile, SupportsAppProtection: true),
        new("CrowdStrike Falcon for Mobile", "29ee2d98-e795-475f-a0f8-0802dc3384a9", Mobile, SupportsAppProtection: false),
        new("Jamf Mobile Threat Defense", "1f58d6d2-02cc-4c80-b008-1bfe7396a10a", Mobile, SupportsAppProtection: true),
        new("Lookout for Work", "2c7790de-8b02-4814-85cf-e0c59380dee8", Mobile, SupportsAppProtection: true),
        new("Microsoft Defender for Endpoint", MicrosoftDefenderForEndpointId, Mobile | MtdPlatforms.Windows, SupportsAppProtection: true, IsMicrosoftService: true),
        new("Pradeo", "8d0ed095-8191-4bd3-8a41-953b22d51ff7", Mobile, SupportsAppProtection: false),
        new("SentinelOne", "bb13fe25-ce1f-45aa-b278-cabbc6b9072e", Mobile, SupportsAppProtection: true),
        new("Sophos Mobile", "870b252b-0ef0-4707-8847-50fc571472b3", Mobile, SupportsAppProtection: false),
        new("Symantec Endpoint Protection Mobile", "28fd67fd-b179-4629-a8b0-dad420b697c7", Mobile, SupportsAppProtection: true),
        // Intune's documented id for Trellix has a 7-digit first group: kept verbatim, which is why ids are strings.
        new("Trellix Mobile Security", "4873197-ffec-4dfc-9816-db65f34c7cb9", Mobile, SupportsAppProtection: true),
        new("Trend Micro Mobile Security as a Service", "4928f0f6-2660-4f69-b4c5-5170ec921f7b", Mobile, SupportsAppProtection: false),
        new("Windows Security Center", WindowsSecurityCenterId, MtdPlatforms.Windows, SupportsAppProtection: true, IsMicrosoftService: true),
        new("Zimperium", "08a8455c-48dd-45ff-ad82-7211355354f3", Mobile, SupportsAppProtection: true, SupportsCertificateSync: true),
        new("iVerify Enterprise", "ivr-5f1c2a8e-3b7d-4e0a-9c61-2d84f0b7a913", Mobile, SupportsAppProtection: false),
        new("Trustd Mobile", "tsd-8a2e6c14-7f3b-4d95-b0e8-61c9a5d3f207", Mobile, SupportsAppProtection: false),
    ];

    private static readonly Dictionary<string, MtdPartner> ById =
        All.ToDictionary(p => p.ConnectorId, StringComparer.OrdinalIgnoreCase);

    public static bool TryFind(string? connectorId, [NotNullWhen(true)] out MtdPartner? partner)
    {
        partner = null;
        return connectorId is not null && ById.TryGetValue(connectorId, out partner);
    }

    public static MtdPartner Get(string connectorId) =>
        TryFind(connectorId, out var partner)
            ? partner
            : throw new KeyNotFoundException($"Unknown Mobile Threat Defense partner '{connectorId}'.");
}
