using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// The heart of the product end to end: a MAM client checks in and a partner reports device health through the real
/// HTTP endpoints, and the admin sees the connector, the outcome, its reason and remediation, and the export.
/// </summary>
public sealed class ThreatLevelFlowTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private const string WindowsSecurityCenter = "Windows Security Center";

    [Fact]
    public Task CheckInAndReports_HighThenSecured_BlockThenAllowWithRemediationAndExport() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var upn = $"megan.{suffix}@contoso.com";
        var device = $"device-{suffix}";
        await SeedUserGroupAndThreatPolicyAsync(upn, $"Megan {suffix}", suffix);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var mtd = new MobileThreatDefensePage(page);
        await mtd.OpenThroughNavigationAsync();
        if (await mtd.Row(WindowsSecurityCenter).CountAsync() == 0)
        {
            await mtd.AddConnectorAsync(WindowsSecurityCenter);
        }
        await mtd.OpenConnectorAsync(WindowsSecurityCenter);
        var secret = await RegenerateSecretAsync(page);

        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var checkIn = await PostAsync(http, AdminCenterServerFixture.ApiToken, "mam/v1/checkIn", new
        {
            userPrincipalName = upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            deviceName = $"MEGAN-LAPTOP-{suffix}",
            deviceModel = "Surface Laptop 5",
            deviceManufacturer = "Microsoft",
            platformVersion = "10.0.22631.4460",
            appVersion = "131.0.2903.70",
            sdkVersion = "1.0.0",
        });
        Assert.True(checkIn.IsSuccessStatusCode, await checkIn.Content.ReadAsStringAsync());
        await mtd.ReloadAsync();
        await Expect(page.GetByTestId("status-line")).ToContainTextAsync("Enabled since");

        await ReportAsync(http, secret, upn, device, "high");
        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await status.SearchAsync(suffix);
        await Expect(status.Rows).ToHaveCountAsync(1);
        await Expect(status.Row($"Megan {suffix}")).ToContainTextAsync("Blocked");
        await Expect(status.Row($"Megan {suffix}")).ToContainTextAsync("High");
        await status.OpenUserAsync($"Megan {suffix}");
        await status.OpenTabAsync("App protection");
        var reasons = page.Locator(".registration .reasons-table tbody tr");
        await Expect(reasons).ToContainTextAsync("Max allowed device threat level");
        await Expect(reasons).ToContainTextAsync("Open Windows Security and resolve the threats it reports");

        await ReportAsync(http, secret, upn, device, "secured");
        await status.OpenThroughNavigationAsync();
        await status.SearchAsync(suffix);
        await Expect(status.Row($"Megan {suffix}")).ToContainTextAsync("Allowed");
        await status.ChooseAsync("Outcome", "Allowed");
        await Expect(status.Rows).ToHaveCountAsync(1);
        var table = await status.ReadRowsAsync();
        var (_, csv) = await status.ExportAsync();
        // The table shows User, Device name, Policy, Threat level, Outcome, Last sync; the export has every column.
        var exported = CsvRecordReader.Read(csv).Skip(1).Select(r => AppProtectionStatusPage.ShownExportFields.Select(field => r.Fields[field]).ToList()).ToList();
        Assert.Equal(table.Select(row => row.Take(5).ToList()), exported);

        // Leave the tenant as other tests expect it: no Windows Security Center connector.
        await mtd.OpenThroughNavigationAsync();
        await mtd.OpenConnectorAsync(WindowsSecurityCenter);
        await mtd.DeleteConnectorAsync();
    });

    private async Task SeedUserGroupAndThreatPolicyAsync(string upn, string displayName, string suffix)
    {
        var services = Server.Services;
        var user = await services.GetRequiredService<UserService>().CreateUserAsync(new UserInput(upn, displayName), actor: TestActors.System);
        Assert.True(user.Succeeded);
        var group = await services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput($"Threat-checked {suffix}", null), [user.Value!.Id], actor: TestActors.System);
        Assert.True(group.Succeeded);
        var policy = PolicyTemplates.Blank() with
        {
            DisplayName = $"Edge threat Low {suffix}",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "low", HealthCheckAction.Block)],
            IncludedGroupIds = [group.Value!.Id],
        };
        Assert.True((await services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(policy, TestActors.Named("e2e"))).Succeeded);
    }

    /// <summary>Regenerate on the connector page, as an admin does, and read the secret shown once.</summary>
    private static async Task<string> RegenerateSecretAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        if (await dialog.CountAsync() > 0)
        {
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        }
        var field = page.GetByLabel("Partner secret");
        await Expect(field).Not.ToHaveValueAsync("");
        return await field.InputValueAsync();
    }

    private static async Task ReportAsync(HttpClient http, string secret, string upn, string device, string level)
    {
        var response = await PostAsync(http, secret, $"partner/v1/connectors/{Core.Connectors.PartnerCatalog.WindowsSecurityCenterId}/healthReports", new
        {
            userPrincipalName = upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            threatLevel = level,
            reportedDateTime = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("\"accepted\":1", body, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string bearer, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http.SendAsync(request);
    }
}
