using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;

namespace AdminCenter.Tests.Core.Mam;

public sealed class AppProtectionStatusColumnsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NoSuchColumn,AlsoGone")]
    public void Parse_NothingUsableStored_GivesTheDefaultColumns(string? stored)
    {
        var columns = AppProtectionStatusColumns.Parse(stored);

        Assert.Equal(
            ["User", "Device name", "Policy name(s)", "Threat level", "Outcome", "Last sync"],
            AppProtectionStatusColumns.All.Where(columns.Contains).Select(AppProtectionStatusColumns.Title));
    }

    [Fact]
    public void FormatThenParse_AChoice_RoundTripsInTableOrderIgnoringUnknownNames()
    {
        var stored = AppProtectionStatusColumns.Format([AppProtectionStatusColumn.Outcome, AppProtectionStatusColumn.Email]);

        var parsed = AppProtectionStatusColumns.Parse(stored + ",Retired");

        Assert.Equal("Email,Outcome", stored);
        Assert.Equal([AppProtectionStatusColumn.Email, AppProtectionStatusColumn.Outcome], AppProtectionStatusColumns.All.Where(parsed.Contains));
    }

    [Fact]
    public void Toggle_HideTheLastVisibleColumn_KeepsIt()
    {
        var only = AppProtectionStatusColumns.Parse("Outcome");

        var after = AppProtectionStatusColumns.Toggle(only, AppProtectionStatusColumn.Outcome, show: false);

        Assert.Equal([AppProtectionStatusColumn.Outcome], after);
    }

    [Theory]
    [InlineData("com.microsoft.edge", "Microsoft Edge")]
    [InlineData("com.google.chrome", "Google Chrome")]
    [InlineData("COM.GOOGLE.CHROME", "Google Chrome")]
    [InlineData("org.mozilla.firefox", "Mozilla Firefox")]
    [InlineData("com.contoso.unknown", "com.contoso.unknown")]
    public void AppNames_Name_KnownIdsByNameUnknownAsTheyAre(string appId, string expected)
    {
        Assert.Equal(expected, AppNames.Name(appId));
    }
}
