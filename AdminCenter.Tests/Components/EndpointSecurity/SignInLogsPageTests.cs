using AdminCenter.Components.Pages.EndpointSecurity;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.Core.Mam;
using AdminCenter.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.EndpointSecurity;

public sealed class SignInLogsPageTests : MudTestContext
{
    public SignInLogsPageTests()
    {
        Services.AddSingleton<ConditionalAccessService>();
    }

    private ConditionalAccessService ConditionalAccess => Services.GetRequiredService<ConditionalAccessService>();

    [Fact]
    public void Page_NoSignIns_ShowsTheEmptyState()
    {
        var cut = Render<SignInLogsPage>();

        cut.WaitForAssertion(() => Assert.Contains("No sign-ins yet.", cut.Find(".sign-in-empty").TextContent, StringComparison.Ordinal));
        Assert.Empty(Rows(cut));
    }

    [Fact]
    public async Task Page_SignIns_ListsEveryColumnInWordsNewestFirst()
    {
        await TargetedUsersAsync(ConditionalAccessState.On, "alice@contoso.com");
        await SignInAsync("alice@contoso.com", "com.google.chrome");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await ConditionalAccess.SavePolicyAsync(new(ConditionalAccessState.Off, [], []), 1, TestActors.Named(AdminName));
        await SignInAsync("alice@contoso.com", WindowsPolicyDraft.EdgeAppId);

        var cut = Render<SignInLogsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Equal(["Time", "User", "Device", "App", "Result", "Reasons"], cut.FindAll(".sign-in-table thead th").Select(th => th.TextContent.Trim()));
        var newest = Cells(Rows(cut)[0]);
        Assert.Equal(["Nov 25, 2026, 8:05 AM UTC", "alice@contoso.com", "device-1", "Microsoft Edge", "Granted", ConditionalAccessTexts.PolicyOff], newest);
        var blocked = Cells(Rows(cut)[1]);
        Assert.Equal("Google Chrome", blocked[3]);
        Assert.Equal("Blocked", blocked[4]);
        Assert.Contains("Remediation: Use Microsoft Edge and sign in with your work profile to access Outlook", blocked[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_DeviceWithARegistration_ShowsTheDeviceAndAppByNameWithTheIdsOnHover()
    {
        var seed = new StatusSeed(Database, Clock.GetUtcNow().UtcDateTime);
        var registration = await seed.RegistrationAsync(
            await seed.UserAsync("alice@contoso.com", "Alice"), "ALICE-LAPTOP", 5, deviceId: "0f3c8a52-6b1e-4c0e-9d7f-2a9b51c3e4d8");
        Assert.True((await ConditionalAccess.EvaluateAsync(new("alice@contoso.com", registration.AzureAdDeviceId, "com.google.chrome", "Outlook"))).Succeeded);

        var cut = Render<SignInLogsPage>();

        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        var cells = Rows(cut)[0].QuerySelectorAll("td");
        Assert.Equal("ALICE-LAPTOP", cells[2].TextContent.Trim());
        Assert.Equal("Entra device ID: 0f3c8a52-6b1e-4c0e-9d7f-2a9b51c3e4d8", cells[2].QuerySelector("span")!.GetAttribute("title"));
        Assert.Equal("Google Chrome", cells[3].TextContent.Trim());
        Assert.StartsWith("com.google.chrome", cells[3].QuerySelector("span")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.DoesNotContain("0f3c8a52", Rows(cut)[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_SelectASignInsTime_ShowsEveryFieldInThePane()
    {
        await TargetedUsersAsync(ConditionalAccessState.On, "alice@contoso.com");
        await SignInAsync("alice@contoso.com", "com.google.chrome");
        var cut = Render<SignInLogsPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Rows(cut)[0].QuerySelector("button.details-link")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Sign-in details", cut.Find(".sign-in-details").TextContent, StringComparison.Ordinal));
        var details = cut.Find(".sign-in-details").TextContent;
        Assert.Contains("Google Chrome (com.google.chrome)", details, StringComparison.Ordinal);
        Assert.Contains("device-1", details, StringComparison.Ordinal);
        Assert.Contains("Use Microsoft Edge and sign in with your work profile to access Outlook", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_ResultAndPageInTheQuery_OpensFilteredOnThatPage()
    {
        await TargetedUsersAsync(ConditionalAccessState.On, "alice@contoso.com");
        for (var i = 0; i < 52; i++)
        {
            await SignInAsync("alice@contoso.com", "com.google.chrome");
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        await ConditionalAccess.SavePolicyAsync(new(ConditionalAccessState.Off, [], []), 1, TestActors.Named(AdminName));
        await SignInAsync("alice@contoso.com", "com.google.chrome");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/endpoint-security/sign-in-logs?user=alice&result=blocked&page=2");

        var cut = Render<SignInLogsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.All(Rows(cut), r => Assert.Equal("Blocked", Cells(r)[4]));
        cut.WaitForAssertion(() => Assert.Contains("51-52 of 52", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
        Assert.Equal("alice", Field(cut, "Search by user").QuerySelector("input")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ResultFilter_PickReportOnly_ShowsOnlyWouldBlockRows()
    {
        await TargetedUsersAsync(ConditionalAccessState.ReportOnly, "alice@contoso.com");
        await SignInAsync("alice@contoso.com", "com.google.chrome");
        await UserAsync("bob@contoso.com");
        await SignInAsync("bob@contoso.com", "com.google.chrome");
        var popovers = RenderPopoverProvider();
        var cut = Render<SignInLogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Field(cut, "Result").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll("div.mud-list-item").First(i => i.TextContent.Trim() == "Report-only: would block").Click());

        cut.WaitForAssertion(() => Assert.Equal("alice@contoso.com", Cells(Assert.Single(Rows(cut)))[1]));
        Assert.Equal("Report-only: would block", Cells(Rows(cut)[0])[4]);
    }

    [Fact]
    public async Task Search_TypePartOfAUser_ShowsTheirSignInsAfterTheDebounce()
    {
        await UserAsync("alice@contoso.com");
        await UserAsync("bob@fabrikam.com");
        await SignInAsync("alice@contoso.com", "com.google.chrome");
        await SignInAsync("bob@fabrikam.com", "com.google.chrome");
        var cut = Render<SignInLogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Field(cut, "Search by user").QuerySelector("input")!.Input("FABRIKAM");
        Clock.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("bob@fabrikam.com", Cells(Assert.Single(Rows(cut)))[1]));
    }

    [Fact]
    public async Task Pager_MoreThanAPage_ShowsFiftyAndTheRestOnPageTwo()
    {
        await UserAsync("alice@contoso.com");
        for (var i = 0; i < 53; i++)
        {
            await SignInAsync("alice@contoso.com", "com.google.chrome");
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var cut = Render<SignInLogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(50, Rows(cut).Count));

        cut.Find("button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        cut.WaitForAssertion(() => Assert.Contains("51-53 of 53", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
    }

    private async Task TargetedUsersAsync(ConditionalAccessState state, params string[] userPrincipalNames)
    {
        var ids = new List<string>();
        foreach (var upn in userPrincipalNames)
        {
            ids.Add(await UserAsync(upn));
        }
        var group = await Services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput("Targeted", null), ids, actor: TestActors.System);
        var saved = await ConditionalAccess.SavePolicyAsync(new(state, [group.Value!.Id], []), 0, TestActors.Named(AdminName));
        Assert.True(saved.Succeeded);
    }

    private async Task<string> UserAsync(string upn)
    {
        var result = await Services.GetRequiredService<UserService>().CreateUserAsync(new UserInput(upn, upn.Split('@')[0]), actor: TestActors.System);
        return result.Value!.Id;
    }

    private async Task SignInAsync(string upn, string app)
    {
        var result = await ConditionalAccess.EvaluateAsync(new(upn, "device-1", app, "Outlook"));
        Assert.True(result.Succeeded);
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<SignInLogsPage> cut) =>
        [.. cut.FindAll(".sign-in-table tbody tr").Where(r => r.QuerySelector(".sign-in-empty") is null)];

    // Cells read as a person reads them: runs of whitespace between lines become one space.
    private static List<string> Cells(IElement row) =>
        [.. row.QuerySelectorAll("td").Select(td => string.Join(' ', td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];

    private static IElement Field(IRenderedComponent<SignInLogsPage> cut, string label) =>
        cut.FindAll(".mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label);
}
