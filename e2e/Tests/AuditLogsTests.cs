using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

public sealed class AuditLogsTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task AuditLogs_ConnectorAddedInTheUi_IsListedByTheAdminWithItsProperties() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(1400, 900);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var mtd = new MobileThreatDefensePage(page);
        await mtd.OpenThroughNavigationAsync();
        await mtd.OpenAddPaneAsync();
        await mtd.SelectPartnerAsync("Zimperium");
        await mtd.Pane.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(mtd.Row("Zimperium")).ToContainTextAsync("Not Set Up");

        var audit = new AuditLogsPage(page);
        await audit.OpenThroughNavigationAsync();
        var created = audit.Row("Create MobileThreatDefenseConnector").Filter(new() { HasText = "Zimperium" });
        await Expect(created.First).ToContainTextAsync(AdminCenterServerFixture.AdminEmail);
        await Expect(audit.ExportLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/tenant-admin/audit-logs/export\\.csv\\?from="));
        await audit.SaveScreenshotsAsync("90-audit-logs");
        await created.First.ClickAsync();
        await Expect(audit.ModifiedProperties).ToContainTextAsync("partnerUnresponsivenessThresholdInDays");
        // The pane slides in: wait until it has settled before the screenshot.
        await Expect(audit.CloseButton).ToBeInViewportAsync(new() { Ratio = 1 });
        await audit.SaveScreenshotsAsync("91-audit-event-details");
        await audit.CloseDetailsAsync();

        await mtd.OpenThroughNavigationAsync();
        await mtd.OpenConnectorAsync("Zimperium");
        await mtd.DeleteConnectorAsync();
    });
}
