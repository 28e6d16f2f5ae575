using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

/// <summary>Visits every page an admin can reach and keeps a screenshot of each for review.</summary>
public sealed class PageTourTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");

    [Fact]
    public Task PageTour_EveryPage_RendersTitleAndBreadcrumbs() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await ShootAsync(page, "01-sign-in");
        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);

        await Expect(shell.Heading("Home")).ToBeVisibleAsync();
        await ShootAsync(page, "02-home");

        await shell.NavigateAsync("Tenant administration");
        await Expect(shell.Heading("Tenant administration")).ToBeVisibleAsync();
        await ShootAsync(page, "03-tenant-admin");

        await shell.NavigateAsync("Connectors and tokens");
        await Expect(shell.Heading("Tenant administration | Connectors and tokens")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).Filter(new() { HasText = "Home" }).First).ToBeVisibleAsync();
        await ShootAsync(page, "04-connectors-and-tokens");

        var mtd = new MobileThreatDefensePage(page);
        await mtd.NavigateAsync("Mobile Threat Defense");
        await ShootAsync(page, "05-mtd-list");
        await mtd.OpenAddPaneAsync();
        await mtd.SelectPartnerAsync("Zimperium");
        await Expect(page.GetByText("Enable Certificate Sync for iOS/iPadOS devices")).ToBeVisibleAsync();
        await ShootAsync(page, "06-add-connector-pane");
        await mtd.Pane.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await mtd.OpenAddPaneAsync();
        await mtd.SelectPartnerAsync("Zimperium");
        await ShootAsync(page, "06b-add-connector-pane-dark");
        await mtd.Pane.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(mtd.Row("Zimperium")).ToContainTextAsync("Not Set Up");

        await mtd.OpenConnectorAsync("Zimperium");
        await Expect(page.GetByTestId("status-line")).ToContainTextAsync("Not Set Up since");
        await ShootAsync(page, "07-connector-page");

        await page.GotoAsync("/");
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByLabel("Mobile Threat Defense connectors")).ToContainTextAsync("Not Set Up");
        await ShootAsync(page, "08-home-with-connectors");
        await mtd.OpenThroughNavigationAsync();
        await mtd.OpenConnectorAsync("Zimperium");
        await mtd.DeleteConnectorAsync();
    });

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
