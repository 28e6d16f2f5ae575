using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class PartnerCatalogTests
{
    private const MtdPlatforms Mobile = MtdPlatforms.Android | MtdPlatforms.Ios;

    [Fact]
    public void All_ListsTheSeventeenPartnersWithUniqueIds()
    {
        var partners = PartnerCatalog.All;

        Assert.Equal(17, partners.Count);
        Assert.Equal(17, partners.Select(p => p.ConnectorId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void All_ListsThePartnersInTheSpecTableOrder()
    {
        var partners = PartnerCatalog.All;

        Assert.Equal(
            [
                "Better Mobile", "BlackBerry Protect Mobile", "Check Point Harmony Mobile", "CrowdStrike Falcon for Mobile",
                "Jamf Mobile Threat Defense", "Lookout for Work", "Microsoft Defender for Endpoint", "Pradeo", "SentinelOne",
                "Sophos Mobile", "Symantec Endpoint Protection Mobile", "Trellix Mobile Security",
                "Trend Micro Mobile Security as a Service", "Windows Security Center", "Zimperium", "iVerify Enterprise",
                "Trustd Mobile",
            ],
            partners.Select(p => p.Name));
    }

    [Fact]
    public void All_HasUniqueNames()
    {
        var partners = PartnerCatalog.All;

        Assert.Equal(partners.Count, partners.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("Better Mobile", "860d3ab4-8fd1-45f5-89cd-ecf51e4f92e5", Mobile, true)]
    [InlineData("BlackBerry Protect Mobile", "a447eca6-a986-4d3f-9838-5862bf50776c", Mobile, true)]
    [InlineData("Check Point Harmony Mobile", "d3ddeae8-441f-4681-b80f-aef644f7195a", Mobile, true)]
    [InlineData("CrowdStrike Falcon for Mobile", "29ee2d98-e795-475f-a0f8-0802dc3384a9", Mobile, false)]
    [InlineData("Jamf Mobile Threat Defense", "1f58d6d2-02cc-4c80-b008-1bfe7396a10a", Mobile, true)]
    [InlineData("Lookout for Work", "2c7790de-8b02-4814-85cf-e0c59380dee8", Mobile, true)]
    [InlineData("Microsoft Defender for Endpoint", "fc780465-2017-40d4-a0c5-307022471b92", Mobile | MtdPlatforms.Windows, true)]
    [InlineData("Pradeo", "8d0ed095-8191-4bd3-8a41-953b22d51ff7", Mobile, false)]
    [InlineData("SentinelOne", "bb13fe25-ce1f-45aa-b278-cabbc6b9072e", Mobile, true)]
    [InlineData("Sophos Mobile", "870b252b-0ef0-4707-8847-50fc571472b3", Mobile, false)]
    [InlineData("Symantec Endpoint Protection Mobile", "28fd67fd-b179-4629-a8b0-dad420b697c7", Mobile, true)]
    [InlineData("Trellix Mobile Security", "4873197-ffec-4dfc-9816-db65f34c7cb9", Mobile, true)]
    [InlineData("Trend Micro Mobile Security as a Service", "4928f0f6-2660-4f69-b4c5-5170ec921f7b", Mobile, false)]
    [InlineData("Windows Security Center", "e6f777f8-e4c2-4a5b-be01-50b5c124bc7f", MtdPlatforms.Windows, true)]
    [InlineData("Zimperium", "08a8455c-48dd-45ff-ad82-7211355354f3", Mobile, true)]
    [InlineData("iVerify Enterprise", "ivr-5f1c2a8e-3b7d-4e0a-9c61-2d84f0b7a913", Mobile, false)]
    [InlineData("Trustd Mobile", "tsd-8a2e6c14-7f3b-4d95-b0e8-61c9a5d3f207", Mobile, false)]
    public void Get_SpecPartner_HasTheSpecNamePlatformsAndAppSupport(
        string name, string connectorId, MtdPlatforms platforms, bool supportsAppProtection)
    {
        var id = connectorId;

        var partner = PartnerCatalog.Get(id);

        Assert.Equal(name, partner.Name);
        Assert.Equal(connectorId, partner.ConnectorId);
        Assert.Equal(platforms, partner.Platforms);
        Assert.Equal(supportsAppProtection, partner.SupportsAppProtection);
    }

    [Theory]
    [InlineData("iVerify Enterprise", "ivr-")]
    [InlineData("Trustd Mobile", "tsd-")]
    public void All_DecisionPartner_HasPrefixedGuidIdMobilePlatformsAndNoAppSupport(string name, string prefix)
    {
        var partners = PartnerCatalog.All;

        var partner = Assert.Single(partners, p => p.Name == name);
        Assert.StartsWith(prefix, partner.ConnectorId, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(partner.ConnectorId[prefix.Length..], out _));
        Assert.Equal(Mobile, partner.Platforms);
        Assert.False(partner.SupportsAppProtection);
    }

    [Fact]
    public void Get_Trellix_KeepsTheDocumentedIdVerbatimAlthoughItIsNoGuid()
    {
        const string trellixId = "4873197-ffec-4dfc-9816-db65f34c7cb9";

        var partner = PartnerCatalog.Get(trellixId);

        Assert.Equal("Trellix Mobile Security", partner.Name);
        Assert.Equal(trellixId, partner.ConnectorId);
        Assert.False(Guid.TryParse(partner.ConnectorId, out _));
    }

    [Fact]
    public void All_CertificateSync_IsSupportedOnlyByZimperium()
    {
        var partners = PartnerCatalog.All;

        var withCertificateSync = partners.Where(p => p.SupportsCertificateSync).Select(p => p.Name);

        Assert.Equal(["Zimperium"], withCertificateSync);
    }

    [Fact]
    public void All_MicrosoftServices_AreDefenderAndWindowsSecurityCenter()
    {
        var partners = PartnerCatalog.All;

        var microsoftServices = partners.Where(p => p.IsMicrosoftService).Select(p => p.ConnectorId).Order(StringComparer.Ordinal);

        Assert.Equal(
            new[] { PartnerCatalog.WindowsSecurityCenterId, PartnerCatalog.MicrosoftDefenderForEndpointId }.Order(StringComparer.Ordinal),
            microsoftServices);
    }

    [Fact]
    public void PlatformsDisplay_WindowsSecurityCenter_SaysMamOnly()
    {
        var partner = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);

        var display = partner.PlatformsDisplay;

        Assert.Equal("Windows (MAM only)", display);
    }

    [Fact]
    public void PlatformsDisplay_Defender_ListsAndroidIosAndWindows()
    {
        var partner = PartnerCatalog.Get(PartnerCatalog.MicrosoftDefenderForEndpointId);

        var display = partner.PlatformsDisplay;

        Assert.Equal("Android, iOS/iPadOS, Windows", display);
    }

    [Theory]
    [InlineData("08A8455C-48DD-45FF-AD82-7211355354F3")]
    [InlineData("08a8455c-48dd-45ff-ad82-7211355354f3")]
    [InlineData("08a8455C-48dd-45FF-ad82-7211355354f3")]
    public void TryFind_IdInAnyCase_FindsThePartner(string id)
    {
        var lookup = id;

        var found = PartnerCatalog.TryFind(lookup, out var partner);

        Assert.True(found);
        Assert.Equal("Zimperium", partner!.Name);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("")]
    [InlineData("Zimperium")]
    [InlineData(null)]
    public void TryFind_UnknownId_ReturnsFalseAndNoPartner(string? id)
    {
        var lookup = id;

        var found = PartnerCatalog.TryFind(lookup, out var partner);

        Assert.False(found);
        Assert.Null(partner);
    }

    [Fact]
    public void Get_UnknownId_ThrowsKeyNotFound()
    {
        const string unknownId = "not-a-partner";

        var act = () => PartnerCatalog.Get(unknownId);

        var exception = Assert.Throws<KeyNotFoundException>(act);
        Assert.Contains(unknownId, exception.Message, StringComparison.Ordinal);
    }
}
