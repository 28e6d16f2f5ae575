using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public Task AuditRow_At1024ByKeyboard_ShowsItsFocusAndEnterOpensTheDetails() => RunAsync(async page =>
    {
        var name = "Audit focus " + Guid.NewGuid().ToString("N")[..8];
        var created = await Server.Services.GetRequiredService<GroupService>()
            .CreateGroupAsync(new GroupInput(name, "Audit row focus e2e"), [], actor: Actor.System);
        Assert.True(created.Succeeded);
        await SignInAsync(page);
        var audit = new AuditLogsPage(page);
        await audit.OpenThroughNavigationAsync();
        // The narrowest width the layout is made for: the navigation collapsed to icons, the table at its tightest.
        await page.SetViewportSizeAsync(1024, 768);

        await audit.FocusRowByKeyboardAsync(name);
        Assert.NotEqual("none", await audit.FocusedOutlineStyleAsync());
        await audit.SaveScreenshotsAsync("92-audit-row-focused-1024");
        await page.Keyboard.PressAsync("Enter");

        await Expect(audit.Details).ToContainTextAsync(name);
    });
}
