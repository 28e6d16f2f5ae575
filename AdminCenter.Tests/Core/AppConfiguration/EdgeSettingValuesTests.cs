using AdminCenter.Core.AppConfiguration;

namespace AdminCenter.Tests.Core.AppConfiguration;

public sealed class EdgeSettingValuesTests
{
    [Theory]
    [InlineData("HomepageLocation", "https://contoso.sharepoint.com", true)]
    [InlineData("HomepageLocation", "http://intranet.contoso.com/{{userprincipalname}}", true)]
    [InlineData("HomepageLocation", "contoso.sharepoint.com", false)]
    [InlineData("HomepageLocation", "ftp://contoso.com", false)]
    [InlineData("HomepageLocation", "", false)]
    [InlineData("RestoreOnStartup", "1", true)]
    [InlineData("RestoreOnStartup", "4", true)]
    [InlineData("RestoreOnStartup", "5", true)]
    [InlineData("RestoreOnStartup", "2", false)]
    [InlineData("RestoreOnStartupURLs", "[\"https://contoso.com\",\"https://fabrikam.com\"]", true)]
    [InlineData("RestoreOnStartupURLs", "[\"https://contoso.com\",\"fabrikam\"]", false)]
    [InlineData("RestoreOnStartupURLs", "[]", false)]
    [InlineData("RestoreOnStartupURLs", "https://contoso.com", false)]
    [InlineData("PasswordManagerEnabled", "true", true)]
    [InlineData("PasswordManagerEnabled", "false", true)]
    [InlineData("PasswordManagerEnabled", "yes", false)]
    [InlineData("DownloadRestrictions", "0", true)]
    [InlineData("DownloadRestrictions", "4", true)]
    [InlineData("DownloadRestrictions", "5", false)]
    [InlineData("ExtensionInstallBlocklist", "[\"*\"]", true)]
    [InlineData("ExtensionInstallBlocklist", "[\"abcdefghijklmnopabcdefghijklmnop\"]", true)]
    [InlineData("ExtensionInstallBlocklist", "[\"not-an-extension\"]", false)]
    [InlineData("TrackingPrevention", "3", true)]
    [InlineData("TrackingPrevention", "Strict", false)]
    [InlineData("InPrivateModeAvailability", "2", true)]
    [InlineData("InPrivateModeAvailability", "3", false)]
    [InlineData("EdgeShoppingAssistantEnabled", "false", true)]
    [InlineData("EdgeShoppingAssistantEnabled", "0", false)]
    [InlineData("ManagedFavorites", "[{\"name\": \"Contoso\", \"url\": \"https://contoso.com\"}]", true)]
    [InlineData("ManagedFavorites", "[{\"name\": \"Contoso\"}]", false)]
    [InlineData("ManagedFavorites", "[{\"name\": \"Contoso\", \"url\": \"contoso\"}]", false)]
    [InlineData("ManagedFavorites", "[{\"name\": \"\", \"url\": \"https://contoso.com\"}]", false)]
    [InlineData("ManagedFavorites", "{\"name\": \"Contoso\"}", false)]
    [InlineData("ManagedFavorites", "not json", false)]
    public void Validate_ValueOfItsType_AcceptedOtherwiseNamedMessage(string name, string value, bool valid)
    {
        var definition = EdgeSettingValues.Find(name)!;

        var problem = EdgeSettingValues.Validate(definition, value);

        if (valid)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith(name, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Catalog_HasSpecSettingsWithTheirTypes()
    {
        var kinds = EdgeSettingValues.Catalog.ToDictionary(d => d.Name, d => d.Kind);

        Assert.Equal(EdgeSettingKind.Url, kinds["HomepageLocation"]);
        Assert.Equal(EdgeSettingKind.Choice, kinds["RestoreOnStartup"]);
        Assert.Equal(EdgeSettingKind.UrlList, kinds["RestoreOnStartupURLs"]);
        Assert.Equal(EdgeSettingKind.OnOff, kinds["PasswordManagerEnabled"]);
        Assert.Equal(EdgeSettingKind.Choice, kinds["DownloadRestrictions"]);
        Assert.Equal(EdgeSettingKind.ExtensionList, kinds["ExtensionInstallBlocklist"]);
        Assert.Equal(EdgeSettingKind.Choice, kinds["TrackingPrevention"]);
        Assert.Equal(EdgeSettingKind.Choice, kinds["InPrivateModeAvailability"]);
        Assert.Equal(EdgeSettingKind.OnOff, kinds["EdgeShoppingAssistantEnabled"]);
        Assert.Equal(EdgeSettingKind.Favorites, kinds["ManagedFavorites"]);
        Assert.Equal(
            ["No special restrictions", "Block dangerous downloads", "Block potentially dangerous downloads", "Block all downloads", "Block malicious downloads"],
            EdgeSettingValues.Find("DownloadRestrictions")!.Choices.Select(c => c.Label));
    }

    [Fact]
    public void FormatList_LinesWithBlanks_JsonArrayOfTrimmedItems()
    {
        var stored = EdgeSettingValues.FormatList(["https://a.contoso.com ", "", "  https://b.contoso.com"]);

        Assert.Equal("[\"https://a.contoso.com\",\"https://b.contoso.com\"]", stored);
        Assert.Equal(["https://a.contoso.com", "https://b.contoso.com"], EdgeSettingValues.ParseList(stored));
    }
}
