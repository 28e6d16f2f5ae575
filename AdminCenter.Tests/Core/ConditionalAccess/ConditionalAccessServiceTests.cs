using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.ConditionalAccess;

public sealed class ConditionalAccessServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly UserService _users;
    private readonly GroupService _groups;
    private readonly ConditionalAccessService _service;

    public ConditionalAccessServiceTests()
    {
        _users = new UserService(_database, _time, NullLogger<UserService>.Instance);
        _groups = new GroupService(_database, _time, NullLogger<GroupService>.Instance);
        _service = new ConditionalAccessService(_database, _time, NullLogger<ConditionalAccessService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task GetPolicyAsync_NeverSaved_IsOffWithNoGroupsAtVersionZero()
    {
        var policy = await _service.GetPolicyAsync();

        Assert.Equal((ConditionalAccessPolicy.DefaultDisplayName, ConditionalAccessState.Off, 0), (policy.DisplayName, policy.State, policy.Version));
        Assert.Empty(policy.IncludedGroups);
        Assert.Null(policy.LastModifiedDateTime);
    }

    [Fact]
    public async Task SavePolicyAsync_NewState_IsSavedWithGroupNamesAndNextVersion()
    {
        var sales = await GroupAsync("Sales");
        var contractors = await GroupAsync("Contractors");

        var result = await _service.SavePolicyAsync(new(ConditionalAccessState.ReportOnly, [sales], [contractors]), 0, TestActors.Named("admin@contoso.com"));

        Assert.Equal(ServiceOutcome.Succeeded, result.Outcome);
        var policy = await _service.GetPolicyAsync();
        Assert.Equal(ConditionalAccessState.ReportOnly, policy.State);
        Assert.Equal([new AssignedGroup(sales, "Sales")], policy.IncludedGroups);
        Assert.Equal([new AssignedGroup(contractors, "Contractors")], policy.ExcludedGroups);
        Assert.Equal((1, "admin@contoso.com", Start.UtcDateTime), (policy.Version, policy.LastModifiedBy, policy.LastModifiedDateTime));
    }

    [Fact]
    public async Task SavePolicyAsync_GroupBothIncludedAndExcluded_IsInvalidAtExcludedGroupsAndNothingSaved()
    {
        var sales = await GroupAsync("Sales");

        var result = await _service.SavePolicyAsync(new(ConditionalAccessState.On, [sales], [sales]), 0, TestActors.Named("admin@contoso.com"));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Contains("cannot be both included and excluded: Sales", result.MessageFor(ConditionalAccessPolicyDraft.ExcludedGroupsField), StringComparison.Ordinal);
        Assert.Equal(ConditionalAccessState.Off, (await _service.GetPolicyAsync()).State);
    }

    [Fact]
    public async Task SavePolicyAsync_UnknownGroup_IsInvalidAtItsList()
    {
        var result = await _service.SavePolicyAsync(new(ConditionalAccessState.On, ["no-such-group"], []), 0, TestActors.Named("admin@contoso.com"));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Contains("does not exist", result.MessageFor(ConditionalAccessPolicyDraft.IncludedGroupsField), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavePolicyAsync_StaleVersion_IsConflictNamingWhoChangedItAndNothingSaved()
    {
        await _service.SavePolicyAsync(new(ConditionalAccessState.ReportOnly, [], []), 0, TestActors.Named("first@contoso.com"));

        var result = await _service.SavePolicyAsync(new(ConditionalAccessState.On, [], []), 0, TestActors.Named("second@contoso.com"));

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Contains("changed by first@contoso.com", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(ConditionalAccessState.ReportOnly, (await _service.GetPolicyAsync()).State);
    }

    [Fact]
    public async Task EvaluateAsync_UnknownUser_IsNotFoundAndNotLogged()
    {
        var result = await _service.EvaluateAsync(new("nobody@contoso.com", "device-1", WindowsPolicyDraft.EdgeAppId, "Outlook"));

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
        Assert.Equal(0, (await _service.ListSignInsAsync(new(), 0, 50)).TotalCount);
    }

    [Fact]
    public async Task EvaluateAsync_MissingFields_IsInvalidNamingEach()
    {
        var result = await _service.EvaluateAsync(new(" ", "", WindowsPolicyDraft.EdgeAppId, ""));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(["userPrincipalName", "azureAdDeviceId", "resource"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task ListSignInsAsync_Filters_SelectByUserResultAndTimeNewestFirst()
    {
        var sales = await GroupAsync("Sales", await UserAsync("Elodie@contoso.com"));
        await UserAsync("bob@contoso.com");
        await _service.SavePolicyAsync(new(ConditionalAccessState.On, [sales], []), 0, TestActors.Named("admin@contoso.com"));
        await SignInAsync("elodie@contoso.com", "com.google.chrome");
        _time.Advance(TimeSpan.FromDays(1));
        await SignInAsync("bob@contoso.com", "com.google.chrome");
        _time.Advance(TimeSpan.FromMinutes(1));
        await SignInAsync("ELODIE@contoso.com", "com.google.chrome");

        var all = await _service.ListSignInsAsync(new(), 0, 50);
        var elodie = await _service.ListSignInsAsync(new() { User = "eLoDiE" }, 0, 50);
        var blocked = await _service.ListSignInsAsync(new() { Result = SignInResult.Blocked }, 0, 50);
        var granted = await _service.ListSignInsAsync(new() { Result = SignInResult.Granted }, 0, 50);
        var secondDay = await _service.ListSignInsAsync(new() { FromUtc = Start.UtcDateTime.AddDays(1), ToUtc = Start.UtcDateTime.AddDays(2) }, 0, 50);
        var page2 = await _service.ListSignInsAsync(new(), 2, 2);

        Assert.Equal(["Elodie@contoso.com", "bob@contoso.com", "Elodie@contoso.com"], all.Items.Select(r => r.UserPrincipalName));
        Assert.Equal(2, elodie.TotalCount);
        Assert.All(blocked.Items, r => Assert.Equal("Elodie@contoso.com", r.UserPrincipalName));
        Assert.Equal(2, blocked.TotalCount);
        Assert.Equal("bob@contoso.com", Assert.Single(granted.Items).UserPrincipalName);
        Assert.Equal(2, secondDay.TotalCount);
        Assert.Equal((3, 1), (page2.TotalCount, page2.Items.Count));
        Assert.Equal(Start.UtcDateTime, page2.Items[0].SignInDateTime);
    }

    [Fact]
    public async Task ListSignInsAsync_ReportOnlyWouldBlock_IsItsOwnResult()
    {
        var sales = await GroupAsync("Sales", await UserAsync("ann@contoso.com"));
        await _service.SavePolicyAsync(new(ConditionalAccessState.ReportOnly, [sales], []), 0, TestActors.Named("admin@contoso.com"));
        await SignInAsync("ann@contoso.com", "com.google.chrome");

        var page = await _service.ListSignInsAsync(new() { Result = SignInResult.ReportOnlyBlocked }, 0, 50);

        var row = Assert.Single(page.Items);
        Assert.Equal(SignInResult.ReportOnlyBlocked, row.Result);
        Assert.Equal("Report-only: would block", ConditionalAccessLabels.Result(row.Result));
        Assert.Equal(["Use Microsoft Edge and sign in with your work profile to access Outlook"], row.Remediation);
    }

    private async Task SignInAsync(string userPrincipalName, string app)
    {
        var result = await _service.EvaluateAsync(new(userPrincipalName, "device-1", app, "Outlook"));
        Assert.True(result.Succeeded);
    }

    private async Task<string> UserAsync(string userPrincipalName)
    {
        var result = await _users.CreateUserAsync(new UserInput(userPrincipalName, userPrincipalName.Split('@')[0]), actor: TestActors.System);
        return result.Value!.Id;
    }

    private async Task<string> GroupAsync(string name, params string[] members)
    {
        var result = await _groups.CreateGroupAsync(new GroupInput(name, null), members, actor: TestActors.System);
        return result.Value!.Id;
    }
}
