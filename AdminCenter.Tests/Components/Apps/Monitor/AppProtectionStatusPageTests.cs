using AdminCenter.Components.Pages.Apps.Monitor;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Preferences;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.Core.Mam;
using AdminCenter.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.Apps.Monitor;

public sealed class AppProtectionStatusPageTests : MudTestContext
{
    private readonly StatusSeed _seed;

    public AppProtectionStatusPageTests()
    {
        _seed = new StatusSeed(Database, Clock.GetUtcNow().UtcDateTime);
        // The page builds an Actor from the role claims: Managed apps/Read comes with Global Administrator.
        Authorization.SetRoles(BuiltInRoles.GlobalAdministratorName);
    }

    [Fact]
    public void StatusPage_RoleWithoutManagedAppsRead_ShowsNoPermissionAndNoReport()
    {
        Authorization.SetRoles();

        var cut = Render<AppProtectionStatusPage>();

        cut.WaitForAssertion(() => Assert.Contains("It needs the Managed apps/Read permission", cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".status-table"));
        Assert.Empty(cut.FindAll(".column-chooser"));
    }

    [Fact]
    public void Tabs_OpenUserReportThenRegistrations_KeepTheTabInTheAddress()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/apps/monitor/app-protection-status");
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Contains("No registrations yet.", cut.Find(".status-empty").TextContent, StringComparison.Ordinal));

        Tab(cut, "User report").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/apps/monitor/app-protection-status?view=user-report", AddressWrites()[^1], StringComparison.Ordinal));
        Assert.Contains("Targeted but not checked in", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".column-chooser"));
        Tab(cut, "Registrations").Click();
        cut.WaitForAssertion(() => Assert.Contains("No registrations yet.", cut.Find(".status-empty").TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll(".column-chooser"));
    }

    [Fact]
    public async Task UserReport_TargetedButNotCheckedIn_ListsTheSilentUserAndOpensTheirReport()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var group = await Services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput("Sales", null), [alice.Id, bob.Id], TestActors.GlobalAdministrator);
        var policy = PolicyTemplates.Blank() with { DisplayName = "Edge level 2", Apps = [WindowsPolicyDraft.EdgeAppId], IncludedGroupIds = [group.Value!.Id] };
        Assert.True((await Policies.CreateAsync(policy, TestActors.Named(AdminName))).Succeeded);
        await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", 5, policyNames: "Edge level 2");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/apps/monitor/app-protection-status?view=user-report");
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Contains("Targeted but not checked in", cut.Markup, StringComparison.Ordinal));

        cut.FindAll("label").Single(l => l.TextContent.Trim() == "Targeted but not checked in").QuerySelector("input")!.Change(true);

        cut.WaitForAssertion(() => Assert.Equal(["Bob Jones", "bob@contoso.com", "Microsoft Edge", "Edge level 2", "User report"],
            Cells(Assert.Single(cut.FindAll("table[aria-label='Targeted but not checked in'] tbody tr")))));
        cut.Find("button[aria-label='Show the user report of Bob Jones']").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Microsoft Edge", "--", "Not checked in", "Edge level 2", "Never"],
            Cells(Assert.Single(cut.FindAll("table[aria-label='User report'] tbody tr")))));
    }

    [Fact]
    public async Task StatusPage_Registrations_ShowsTheDefaultColumnsInWordsWithTheUserLinked()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var blocked = await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", 5, EvaluationOutcome.Block, DeviceThreatLevel.High, "Edge level 2");
        await _seed.RegistrationAsync(bob, "BOB-DESKTOP", 30);

        var cut = Render<AppProtectionStatusPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Equal(["User", "Device name", "Policy name(s)", "Threat level", "Outcome", "Last sync"], Headers(cut));
        Assert.Equal(["Alice Smith", "ALICE-LAPTOP", "Edge level 2", "High", "Blocked", "Nov 25, 2026, 7:55 AM UTC"], Cells(Rows(cut)[0]));
        Assert.Equal(["None", "Not reported", "Allowed"], Cells(Rows(cut)[1]).Skip(2).Take(3));
        Assert.Equal($"/users/{alice.Id}", Rows(cut)[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"Entra device ID: {blocked.AzureAdDeviceId}", Rows(cut)[0].QuerySelectorAll("td")[1].QuerySelector("span")!.GetAttribute("title"));
        cut.WaitForAssertion(() => Assert.Contains("1-2 of 2", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ColumnChooser_TickEveryColumn_ShowsEveryColumnAndRemembersItForTheAdmin()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var blocked = await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", 5, EvaluationOutcome.Block, DeviceThreatLevel.High, "Edge level 2");
        var popovers = RenderPopoverProvider();
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        OpenColumns(cut);
        foreach (var title in new[] { "Email", "App", "App version", "SDK version", "Device type", "Device manufacturer", "Device model",
                     "Entra device ID", "Platform", "Platform version", "Management type" })
        {
            popovers.WaitForAssertion(() => Assert.False(Checked(ColumnCheckbox(popovers, title))));
            ColumnCheckbox(popovers, title).Change(true);
        }

        cut.WaitForAssertion(() => Assert.Equal(
            ["User", "Email", "App", "App version", "SDK version", "Device name", "Device type", "Device manufacturer", "Device model",
             "Entra device ID", "Platform", "Platform version", "Management type", "Policy name(s)", "Threat level", "Outcome", "Last sync"],
            Headers(cut)));
        Assert.Equal(
            ["Alice Smith", "alice@contoso.com", "Microsoft Edge", "120.0.2210.91", "1.2.0", "ALICE-LAPTOP", "Microsoft Corporation Surface Laptop 5",
             "Microsoft Corporation", "Surface Laptop 5", blocked.AzureAdDeviceId, "Windows", "10.0.22631.2506", "Unmanaged", "Edge level 2",
             "High", "Blocked", "Nov 25, 2026, 7:55 AM UTC"],
            Cells(Rows(cut)[0]));
        var stored = await Services.GetRequiredService<AdminPreferenceService>().GetAsync(AdminName, AppProtectionStatusColumns.PreferenceKey);
        Assert.Equal(AppProtectionStatusColumns.All.Count, AppProtectionStatusColumns.Parse(stored).Count);
    }

    [Fact]
    public async Task ColumnChooser_StoredChoice_OpensWithThoseColumnsAndUntickingSavesAgain()
    {
        var preferences = Services.GetRequiredService<AdminPreferenceService>();
        await preferences.SetAsync(AdminName, AppProtectionStatusColumns.PreferenceKey, "User,Email,Outcome");
        await _seed.RegistrationAsync(await _seed.UserAsync("alice@contoso.com", "Alice Smith"), "ALICE-LAPTOP", 5);
        var popovers = RenderPopoverProvider();
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        Assert.Equal(["User", "Email", "Outcome"], Headers(cut));

        OpenColumns(cut);
        popovers.WaitForAssertion(() => Assert.True(Checked(ColumnCheckbox(popovers, "Email"))));
        ColumnCheckbox(popovers, "Email").Change(false);

        cut.WaitForAssertion(() => Assert.Equal(["User", "Outcome"], Headers(cut)));
        cut.WaitForAssertion(async () => Assert.Equal("User,Outcome", await preferences.GetAsync(AdminName, AppProtectionStatusColumns.PreferenceKey)));
    }

    [Fact]
    public async Task Address_FiltersAndPageInTheQuery_OpensFilteredOnThatPage()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        for (var i = 0; i < 53; i++)
        {
            await _seed.RegistrationAsync(alice, $"BLOCKED-{i:D2}", minutesAgo: i, outcome: EvaluationOutcome.Block);
        }
        await _seed.RegistrationAsync(alice, "ALLOWED-PC", 1);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/apps/monitor/app-protection-status?search=alice&outcome=block&page=2");

        var cut = Render<AppProtectionStatusPage>();

        cut.WaitForAssertion(() => Assert.Equal(["BLOCKED-50", "BLOCKED-51", "BLOCKED-52"], Rows(cut).Select(r => Cells(r)[1])));
        // The pager renders its count in a render of its own, after the rows.
        cut.WaitForAssertion(() => Assert.Contains("51-53 of 53", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
        Assert.Equal("alice", Input(cut, "Search").GetAttribute("value"));
        Assert.Contains("outcome=block", ExportLink(cut).GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_PickAFilter_WritesItToTheQuery()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "ALLOWED-PC", 5);
        await _seed.RegistrationAsync(alice, "BLOCKED-PC", 10, EvaluationOutcome.Block);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/apps/monitor/app-protection-status");
        var popovers = RenderPopoverProvider();
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Choose(cut, popovers, "Outcome", "Blocked");

        cut.WaitForAssertion(() => Assert.EndsWith("/apps/monitor/app-protection-status?outcome=block", AddressWrites()[^1], StringComparison.Ordinal));
    }

    [Fact]
    public void StatusPage_NoRegistrations_ShowsTheEmptyState()
    {
        var cut = Render<AppProtectionStatusPage>();

        cut.WaitForAssertion(() => Assert.Contains("No registrations yet.", cut.Find(".status-empty").TextContent, StringComparison.Ordinal));
        Assert.Empty(Rows(cut));
    }

    [Fact]
    public async Task OutcomeFilter_PickBlocked_ShowsOnlyBlockedRowsAndExportsTheSameFilter()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "ALLOWED-PC", 5);
        await _seed.RegistrationAsync(alice, "BLOCKED-PC", 10, EvaluationOutcome.Block);
        var popovers = RenderPopoverProvider();
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Choose(cut, popovers, "Outcome", "Blocked");

        cut.WaitForAssertion(() => Assert.Equal("BLOCKED-PC", Cells(Assert.Single(Rows(cut)))[1]));
        cut.WaitForAssertion(() => Assert.Contains("1-1 of 1", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(
            "/apps/monitor/app-protection-status/export.csv?outcome=block&sort=lastSync&order=desc", ExportLink(cut).GetAttribute("href")));
        Assert.True(ExportLink(cut).HasAttribute("download"));
    }

    [Fact]
    public async Task ThreatLevelFilter_PickNotReported_ShowsOnlyDevicesWithoutAReport()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "SECURED-PC", 5, threatLevel: DeviceThreatLevel.Secured);
        await _seed.RegistrationAsync(alice, "SILENT-PC", 10);
        var popovers = RenderPopoverProvider();
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Choose(cut, popovers, "Threat level", "Not reported");

        cut.WaitForAssertion(() => Assert.Equal("SILENT-PC", Cells(Assert.Single(Rows(cut)))[1]));
        cut.WaitForAssertion(() => Assert.Contains("threatLevel=notReported", ExportLink(cut).GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PolicyFilter_PickAPolicy_ShowsOnlyRegistrationsUnderIt()
    {
        var policies = Services.GetRequiredService<AppProtectionPolicyService>();
        await policies.CreateAsync(PolicyTemplates.Create(PolicyTemplateLevel.Level2Enhanced) with { DisplayName = "Edge level 2" }, TestActors.Named(AdminName));
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "PROTECTED-PC", 5, policyNames: "Edge level 2");
        await _seed.RegistrationAsync(alice, "UNPROTECTED-PC", 10);
        var popovers = RenderPopoverProvider();
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Choose(cut, popovers, "Policy", "Edge level 2");

        cut.WaitForAssertion(() => Assert.Equal("PROTECTED-PC", Cells(Assert.Single(Rows(cut)))[1]));
    }

    [Fact]
    public async Task Search_TypeAUserName_ShowsTheirRegistrationsAfterTheDebounce()
    {
        await _seed.RegistrationAsync(await _seed.UserAsync("alice@contoso.com", "Alice Smith"), "ALICE-LAPTOP", 5);
        await _seed.RegistrationAsync(await _seed.UserAsync("bob@fabrikam.com", "Bob Jones"), "BOB-DESKTOP", 10);
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Search(cut, "jones", () => Rows(cut).Count == 1);

        cut.WaitForAssertion(() => Assert.Equal("BOB-DESKTOP", Cells(Assert.Single(Rows(cut)))[1]));
        cut.WaitForAssertion(() => Assert.Contains("search=jones", ExportLink(cut).GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_NoMatch_SaysNothingMatchesTheFilters()
    {
        await _seed.RegistrationAsync(await _seed.UserAsync("alice@contoso.com", "Alice Smith"), "ALICE-LAPTOP", 5);
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Search(cut, "nobody", () => cut.FindAll(".status-empty").Count == 1);

        cut.WaitForAssertion(() => Assert.Equal("No registrations match the search and filters.", cut.Find(".status-empty").TextContent.Trim()));
    }

    [Fact]
    public async Task Paging_55Registrations_Shows50ThenTheRestWithTheTotal()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        for (var i = 0; i < 55; i++)
        {
            await _seed.RegistrationAsync(alice, $"PC-{i:D2}", minutesAgo: i);
        }
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Equal(50, Rows(cut).Count));
        cut.WaitForAssertion(() => Assert.Contains("1-50 of 55", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));

        cut.Find("button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(["PC-50", "PC-51", "PC-52", "PC-53", "PC-54"], Rows(cut).Select(r => Cells(r)[1])));
        cut.WaitForAssertion(() => Assert.Contains("51-55 of 55", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
    }

    // The first click renders the menu (the browser then hands the click on to the menu's button by script): click it.
    private static void OpenColumns(IRenderedComponent<AppProtectionStatusPage> cut)
    {
        cut.Find(".column-chooser button").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudMenu>(), m => m.Instance.Class == "column-chooser"));
        cut.FindComponents<MudMenu>().Single(m => m.Instance.Class == "column-chooser").Find("button").Click();
    }

    private static IElement Tab(IRenderedComponent<AppProtectionStatusPage> cut, string name) =>
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == name);

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<AppProtectionStatusPage> cut) =>
        [.. cut.FindAll(".status-table tbody tr").Where(r => r.QuerySelector(".status-empty") is null)];

    private static List<string> Headers(IRenderedComponent<AppProtectionStatusPage> cut) =>
        [.. cut.FindAll(".status-table thead th").Select(th => th.TextContent.Trim())];

    private static IElement ColumnCheckbox(IRenderedComponent<MudPopoverProvider> popovers, string title) =>
        popovers.FindAll(".column-choices label").Single(l => l.TextContent.Trim() == title).QuerySelector("input[type=checkbox]")!;

    private static bool Checked(IElement checkbox) => ((AngleSharp.Html.Dom.IHtmlInputElement)checkbox).IsChecked;

    private static List<string> Cells(IElement row) => [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    private static IElement ExportLink(IRenderedComponent<AppProtectionStatusPage> cut) =>
        cut.FindAll("a").Single(a => a.TextContent.Trim() == "Export");

    private static IElement Field(IRenderedComponent<AppProtectionStatusPage> cut, string label) =>
        cut.FindAll(".mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    // The search waits for a debounce timer on the fake clock, which may be armed only after the input event returns:
    // move the clock on until the table shows the search's result, a bounded number of times.
    private void Search(IRenderedComponent<AppProtectionStatusPage> cut, string text, Func<bool> applied)
    {
        Input(cut, "Search").Input(text);
        for (var attempt = 0; attempt < 20 && !applied(); attempt++)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(500));
            try
            {
                cut.WaitForState(applied, TimeSpan.FromMilliseconds(250));
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
            {
                // Not yet: advance the clock again.
            }
        }
    }

    private static IElement Input(IRenderedComponent<AppProtectionStatusPage> cut, string label) => Field(cut, label).QuerySelector("input")!;

    private static void Choose(IRenderedComponent<AppProtectionStatusPage> cut, IRenderedComponent<MudPopoverProvider> popovers, string label, string option)
    {
        Field(cut, label).MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll("div.mud-list-item").First(i => i.TextContent.Trim() == option).Click());
    }
}
