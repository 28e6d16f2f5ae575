using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminCenter.Core.Connectors;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// Lookout's partner service provisions its connector through the real heartbeat endpoint; the admin sees the classic
/// Conditional Access policy it created, deletes it, sees the connector's warning and its health on Tenant status, and
/// gets the policy back by setting the connector up again.
/// </summary>
public sealed class ClassicPoliciesAndTenantStatusTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private const string Lookout = "Lookout for Work";
    private const string PolicyName = "Lookout for Work Mobile Threat Defense";
    private const string DeletedWarning =
        "The classic Conditional Access policy for this connector was deleted. Delete the connector and set it up again to recreate it.";

    [Fact]
    public Task LookoutHeartbeat_ClassicPolicyDeletedThenRecreated_WarnsAndShowsOnTenantStatus() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(1400, 900);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var mtd = new MobileThreatDefensePage(page);
        await ProvisionLookoutAsync(mtd);

        var classic = new ClassicPoliciesPage(page);
        await classic.OpenThroughNavigationAsync();
        await Expect(classic.Row(PolicyName)).ToContainTextAsync(Lookout);
        await classic.SaveScreenshotsAsync("70-classic-policies");
        var confirmation = await classic.AskToDeleteAsync(PolicyName);
        await Expect(confirmation).ToContainTextAsync($"only deleting the {Lookout} connector and setting it up again recreates it");
        await classic.SaveScreenshotsAsync("71-classic-policy-delete");
        await classic.ConfirmDeleteAsync();
        await Expect(classic.Row(PolicyName)).ToHaveCountAsync(0);

        await mtd.OpenThroughNavigationAsync();
        await mtd.OpenConnectorAsync(Lookout);
        await Expect(mtd.ClassicPolicyWarning).ToHaveTextAsync(DeletedWarning);
        await mtd.SaveScreenshotsAsync("72-connector-classic-policy-deleted");
        await Expect(mtd.DataUse).ToContainTextAsync("Android devices: no partner's reports are used for app protection evaluation");
        await mtd.DataUse.ScrollIntoViewIfNeededAsync();
        await mtd.SaveScreenshotsAsync("75-connector-data-use");

        var status = new TenantStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await Expect(status.Tabs).ToHaveTextAsync(["Tenant details", "Connector status"]);
        await status.SaveScreenshotsAsync("73-tenant-details");
        await status.OpenTabAsync("Connector status");
        await Expect(status.ConnectorRow(Lookout)).ToContainTextAsync("Healthy");
        await Expect(status.ConnectorRow(Lookout)).ToContainTextAsync("Heartbeat received within the last day");
        await status.SaveScreenshotsAsync("74-connector-status");
        await status.OpenConnectorAsync(Lookout);

        await mtd.DeleteConnectorAsync();
        await ProvisionLookoutAsync(mtd);
        await Expect(mtd.ClassicPolicyWarning).ToHaveCountAsync(0);
        await classic.OpenThroughNavigationAsync();
        await Expect(classic.Row(PolicyName)).ToBeVisibleAsync();

        // Leave the shared tenant as other tests expect it: no Lookout connector (its classic policy goes with it).
        await mtd.OpenThroughNavigationAsync();
        await mtd.OpenConnectorAsync(Lookout);
        await mtd.DeleteConnectorAsync();
        await classic.OpenThroughNavigationAsync();
        await Expect(classic.EmptyState).ToBeVisibleAsync();
    });

    /// <summary>Adds Lookout, gives its partner a secret, and sends the partner's first heartbeat; ends on the connector page.</summary>
    private async Task ProvisionLookoutAsync(MobileThreatDefensePage mtd)
    {
        await mtd.OpenThroughNavigationAsync();
        await mtd.AddConnectorAsync(Lookout);
        await mtd.OpenConnectorAsync(Lookout);
        var secret = await mtd.RegenerateSecretAsync();

        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var connectorId = PartnerCatalog.All.Single(p => p.Name == Lookout).ConnectorId;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"partner/v1/connectors/{connectorId}/heartbeat")
        {
            Content = JsonContent.Create(new { status = "ok" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await mtd.ReloadAsync();
        await Expect(mtd.HistoryRow("provisioned the connector")).ToHaveCountAsync(1);
    }
}
