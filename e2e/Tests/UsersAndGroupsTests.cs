using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

public sealed class UsersAndGroupsTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");

    [Fact]
    public Task AdminWalk_CreateTwoUsersAndAGroupOfThem_GroupListsBothMembers() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var alice = ($"alice.{suffix}@contoso.com", $"Alice {suffix}");
        var bob = ($"bob.{suffix}@contoso.com", $"Bob {suffix}");
        var groupName = $"Sales {suffix}";
        await SignInAsync(page);
        var users = new UsersPage(page);

        await users.OpenThroughNavigationAsync();
        await users.CreateUserAsync(alice.Item1, alice.Item2);
        await users.CreateUserAsync(bob.Item1, bob.Item2);
        await users.SearchAsync(suffix);
        await Expect(users.Rows).ToHaveCountAsync(2);
        await Expect(users.Row(alice.Item1)).ToContainTextAsync(alice.Item2);
        await Expect(users.Row(bob.Item1)).ToContainTextAsync("Yes");
        await ShootAsync(page, "20-users-list");

        var groups = new GroupsPage(page);
        await groups.OpenThroughNavigationAsync();
        await groups.OpenNewGroupPaneAsync();
        await groups.FillNewGroupAsync(groupName, "Everyone who sells");
        await groups.PickUserAsync("Members", alice.Item2, alice.Item1);
        await groups.PickUserAsync("Members", bob.Item1, bob.Item1);
        await ShootAsync(page, "24-new-group-pane");
        await groups.CreateAsync();
        await groups.SearchAsync(suffix);
        await Expect(groups.Row(groupName)).ToContainTextAsync("2");
        await ShootAsync(page, "23-groups-list");

        await groups.OpenGroupAsync(groupName);
        await Expect(groups.MemberRows).ToHaveCountAsync(2);
        await Expect(groups.MemberRow(alice.Item1)).ToContainTextAsync(alice.Item2);
        await Expect(groups.MemberRow(bob.Item1)).ToContainTextAsync(bob.Item2);
        await ShootAsync(page, "25-group-page");

        await groups.ReloadAsync();
        await Expect(groups.MemberRows).ToHaveCountAsync(2);
        await groups.MemberRow(alice.Item1).GetByRole(AriaRole.Link, new() { Name = alice.Item2 }).ClickAsync();
        await groups.WaitForInteractiveAsync();
        await Expect(groups.Heading(alice.Item2)).ToBeVisibleAsync();
        await Expect(page.Locator(".user-groups-table")).ToContainTextAsync(groupName);
        await ShootAsync(page, "22-user-page");
    });

    [Fact]
    public Task Import_OneBadRow_ImportsNothingAndShowsTheReason() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var header = "userPrincipalName,displayName,groups\n";
        var good = $"imp1.{suffix}@contoso.com,\"Importer, One {suffix}\",Imported {suffix}\n";
        await SignInAsync(page);
        var users = new UsersPage(page);
        await users.OpenThroughNavigationAsync();

        await users.OpenImportPaneAsync();
        await users.ImportAsync(header + good + $"imp2.{suffix},Importer Two {suffix},\n");

        await Expect(users.ImportSummary).ToContainTextAsync("Nothing was imported");
        await Expect(users.ImportRows).ToHaveCountAsync(2);
        await Expect(users.ImportRows.Nth(0)).ToContainTextAsync("Not imported");
        await Expect(users.ImportRows.Nth(1)).ToContainTextAsync("Rejected");
        await Expect(users.ImportRows.Nth(1)).ToContainTextAsync("User principal name must look like name@domain");
        await ShootAsync(page, "21-import-pane-rejected");
        await users.ClosePaneAsync();
        await users.SearchAsync(suffix);
        await Expect(page.GetByText($"No users match \"{suffix}\".")).ToBeVisibleAsync();

        await users.OpenImportPaneAsync();
        await users.ImportAsync(header + good + $"imp2.{suffix}@contoso.com,Importer Two {suffix},Imported {suffix}\n");
        await Expect(users.ImportSummary).ToContainTextAsync("Imported 2 users: 2 created, 0 updated.");
        await users.ClosePaneAsync();
        await Expect(users.Rows).ToHaveCountAsync(2);
        await Expect(users.Row($"imp1.{suffix}@contoso.com")).ToContainTextAsync($"Importer, One {suffix}");
    });

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
