using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

public sealed class WhatIfTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task WhatIf_HighThreatOnLevel3User_ShowsBlockWithTheThreatReason() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var displayName = $"Lidia {suffix}";
        var createdConnector = await SeedLevel3UserAsync($"lidia.{suffix}@contoso.com", displayName, suffix);
        try
        {
            var signIn = new SignInPage(page);
            await signIn.GotoAsync();
            await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
            var users = new UsersPage(page);
            await users.OpenThroughNavigationAsync();
            await users.SearchAsync(suffix);
            await users.OpenUserAsync(displayName);
            await users.OpenTabAsync("What if");

            await page.GetByLabel("Threat level", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "High", Exact = true }).ClickAsync();
            await Expect(page.GetByLabel("Threat level", new() { Exact = true })).ToHaveValueAsync("High");
            await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate" }).ClickAsync();

            var result = page.GetByTestId("what-if-result");
            await Expect(result).ToContainTextAsync("Blocked");
            await Expect(result.Locator(".what-if-reasons tbody tr").Filter(new() { HasText = "Max allowed device threat level" })).ToContainTextAsync("High");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "pages")).FullName, "40-what-if.png"), FullPage = true });
        }
        finally
        {
            if (createdConnector)
            {
                await Server.Services.GetRequiredService<MtdConnectorService>().DeleteAsync(PartnerCatalog.WindowsSecurityCenterId, TestActors.Named("e2e"));
            }
        }
    });

    /// <summary>A user under the Level 3 policy, with a working Windows Security Center connector; true when the test created it.</summary>
    private async Task<bool> SeedLevel3UserAsync(string upn, string displayName, string suffix)
    {
        var services = Server.Services;
        var user = (await services.GetRequiredService<UserService>().CreateUserAsync(new UserInput(upn, displayName), actor: TestActors.System)).Value!;
        var group = (await services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput($"Level 3 {suffix}", null), [user.Id], actor: TestActors.System)).Value!;
        var policy = PolicyTemplates.Create(PolicyTemplateLevel.Level3High) with { DisplayName = $"Edge level 3 {suffix}", IncludedGroupIds = [group.Id] };
        Assert.True((await services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(policy, TestActors.Named("e2e"))).Succeeded);
        var connectors = services.GetRequiredService<MtdConnectorService>();
        var created = await connectors.GetAsync(PartnerCatalog.WindowsSecurityCenterId) is null;
        if (created)
        {
            await connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.Named("e2e"));
        }
        await connectors.RecordAppProtectionActivityAsync("e2e what-if");
        return created;
    }
}
