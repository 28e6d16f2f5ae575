using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

// Its own tenant: other tests' check-ins provision Windows Security Center, which this walk adds by hand.
public sealed class MobileThreatDefenseTests(OwnTenantServerFixture server, BrowserFixture browser) : E2ETest(server, browser), IClassFixture<OwnTenantServerFixture>
{
    private static readonly string[] RefusedThresholds = ["0", "91", "abc"];

    [Fact]
    public Task AdminWalk_AddChangeDeleteConnectors_PersistsAndShowsStatus() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var mtd = new MobileThreatDefensePage(page);

        await mtd.OpenThroughNavigationAsync();
        await mtd.AddConnectorAsync("Windows Security Center");
        await Expect(mtd.Row("Windows Security Center")).ToContainTextAsync("Unavailable");
        await Expect(mtd.Row("Windows Security Center")).ToContainTextAsync("Never");

        await mtd.ReloadAsync();
        await Expect(mtd.Row("Windows Security Center")).ToContainTextAsync("Unavailable");

        await mtd.AddConnectorAsync("Lookout for Work");
        await Expect(mtd.Row("Lookout for Work")).ToContainTextAsync("Not Set Up");

        await mtd.OpenConnectorAsync("Lookout for Work");
        foreach (var typed in RefusedThresholds)
        {
            await mtd.TypeThresholdAndTabAwayAsync(typed);
            await Expect(mtd.ThresholdField).ToHaveValueAsync(typed);
            await Expect(mtd.ThresholdError).ToBeVisibleAsync();
            await Expect(mtd.SaveButton).ToBeDisabledAsync();
            await Expect(mtd.DisabledReason).ToContainTextAsync("must be a whole number from 1 to 90");
        }
        await mtd.SaveScreenshotsAsync("54-connector-threshold-abc");
        await mtd.ReloadAsync();
        await Expect(page.GetByLabel("Number of days until partner is unresponsive")).ToHaveValueAsync("7");

        await mtd.DeleteConnectorAsync();
        await Expect(mtd.Row("Lookout for Work")).ToHaveCountAsync(0);
        await Expect(mtd.Row("Windows Security Center")).ToBeVisibleAsync();

        await mtd.SignOutAsync();
        await page.GotoAsync("tenant-admin/connectors/mtd");
        await Expect(signIn.Heading).ToBeVisibleAsync();
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    });
}
