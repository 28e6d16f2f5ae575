using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

public sealed class AppProtectionCoverageQueriesTests : IDisposable
{
    private const string Admin = "admin@contoso.onmicrosoft.com";
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly AppProtectionCoverageQueries _queries;
    private readonly AppProtectionPolicyService _policies;
    private readonly GroupService _groups;
    private readonly StatusSeed _seed;
    private readonly Actor _reader = Actor.WithRoles(ActorKind.Administrator, "reader@contoso.com", [BuiltInRoles.ReadOnlyOperator]);

    public AppProtectionCoverageQueriesTests()
    {
        _queries = new AppProtectionCoverageQueries(_database, _clock);
        _policies = new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        _groups = new GroupService(_database, _clock, NullLogger<GroupService>.Instance);
        _seed = new StatusSeed(_database, Now);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task GetUserReportAsync_CheckedInUser_ShowsTheirRegistrationCheckedInWithItsPolicies()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var sales = await GroupAsync("Sales", alice.Id);
        await PolicyAsync("Edge level 2", [sales]);
        await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", minutesAgo: 10, policyNames: "Edge level 2");

        var result = await _queries.GetUserReportAsync(_reader, alice.Id);

        Assert.True(result.Succeeded);
        Assert.Equal(("Alice Smith", "alice@contoso.com"), (result.Value!.DisplayName, result.Value.UserPrincipalName));
        var edge = Assert.Single(result.Value.Rows);
        Assert.Equal(("Microsoft Edge", "Checked in", "ALICE-LAPTOP"), (edge.AppName, edge.StatusText, edge.DeviceName));
        Assert.Equal(["Edge level 2"], edge.PolicyNames);
        Assert.Equal(Now.AddMinutes(-10), edge.LastSyncDateTime);
    }

    [Fact]
    public async Task GetUserReportAsync_TargetedUserWithoutRegistration_ShowsTheAppNotCheckedInWithTheTargetingPolicies()
    {
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var sales = await GroupAsync("Sales", bob.Id);
        await PolicyAsync("Edge level 2", [sales]);
        await PolicyAsync("Contoso baseline", [sales]);
        await PolicyAsync("Finance only", [await GroupAsync("Finance")]);

        var result = await _queries.GetUserReportAsync(_reader, bob.Id);

        var edge = Assert.Single(result.Value!.Rows);
        Assert.Equal(("Microsoft Edge", CheckInStatus.NotCheckedIn, "Not checked in"), (edge.AppName, edge.Status, edge.StatusText));
        Assert.Equal(["Contoso baseline", "Edge level 2"], edge.PolicyNames);
        Assert.Null(edge.DeviceName);
        Assert.Null(edge.LastSyncDateTime);
    }

    [Fact]
    public async Task GetUserReportAsync_ExcludedGroupWins_ShowsNoTargetedApp()
    {
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var sales = await GroupAsync("Sales", bob.Id);
        var contractors = await GroupAsync("Contractors", bob.Id);
        await PolicyAsync("Edge level 2", [sales], excluded: [contractors]);

        var result = await _queries.GetUserReportAsync(_reader, bob.Id);

        Assert.Empty(result.Value!.Rows);
    }

    [Fact]
    public async Task GetUserReportAsync_UnknownUserOrNoRead_IsNotFoundOrForbidden()
    {
        var noRole = Actor.WithRoles(ActorKind.Administrator, "nobody@contoso.com", []);

        var missing = await _queries.GetUserReportAsync(_reader, "no-such-user");
        var forbidden = await _queries.GetUserReportAsync(noRole, "no-such-user");

        Assert.Equal(ServiceOutcome.NotFound, missing.Outcome);
        Assert.Equal(ServiceOutcome.Forbidden, forbidden.Outcome);
        Assert.Equal(new Permission(PermissionCategory.ManagedApps, PermissionAction.Read), forbidden.MissingPermission);
    }

    [Fact]
    public async Task ListTargetedNotCheckedInAsync_MixedUsers_ListsOnlyTargetedUsersWithoutARegistrationByName()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var carol = await _seed.UserAsync("carol@contoso.com", "Carol Diaz");
        var dave = await _seed.UserAsync("dave@contoso.com", "Dave Excluded");
        await _seed.UserAsync("erin@contoso.com", "Erin Untargeted");
        var sales = await GroupAsync("Sales", alice.Id, bob.Id, carol.Id, dave.Id);
        var contractors = await GroupAsync("Contractors", dave.Id);
        await PolicyAsync("Edge level 2", [sales], excluded: [contractors]);
        await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", minutesAgo: 10, policyNames: "Edge level 2");

        var result = await _queries.ListTargetedNotCheckedInAsync(_reader, skip: 0, take: 50);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Value!.TotalCount);
        Assert.Equal(["Bob Jones", "Carol Diaz"], result.Value.Items.Select(u => u.DisplayName));
        Assert.All(result.Value.Items, u => Assert.Equal(("Microsoft Edge", "Edge level 2"), (u.AppNames, string.Join("; ", u.PolicyNames))));
    }

    [Fact]
    public async Task ListTargetedNotCheckedInAsync_SecondPage_GivesTheRestWithTheTotal()
    {
        var members = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            members.Add((await _seed.UserAsync($"user{i}@contoso.com", $"User {i}")).Id);
        }
        var everyone = await GroupAsync("Everyone", [.. members]);
        await PolicyAsync("Edge baseline", [everyone]);

        var second = await _queries.ListTargetedNotCheckedInAsync(_reader, skip: 3, take: 3);

        Assert.Equal(5, second.Value!.TotalCount);
        Assert.Equal(["User 3", "User 4"], second.Value.Items.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task GetDeploymentSummaryAsync_TargetedAndCheckedInUsers_CountsEachOnce()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var carol = await _seed.UserAsync("carol@contoso.com", "Carol Diaz");
        var dave = await _seed.UserAsync("dave@contoso.com", "Dave Excluded");
        var sales = await GroupAsync("Sales", alice.Id, bob.Id, carol.Id, dave.Id);
        var contractors = await GroupAsync("Contractors", dave.Id);
        var policy = await PolicyAsync("Edge level 2", [sales], excluded: [contractors]);
        await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", minutesAgo: 10, policyNames: "Edge level 2");
        await _seed.RegistrationAsync(alice, "ALICE-DESKTOP", minutesAgo: 20, policyNames: "Contoso baseline; Edge level 2");
        await _seed.RegistrationAsync(bob, "BOB-LAPTOP", minutesAgo: 5, policyNames: "Edge level 2 (old)");

        var result = await _queries.GetDeploymentSummaryAsync(_reader, policy);

        Assert.True(result.Succeeded);
        var summary = result.Value!;
        Assert.Equal(("Edge level 2", 3, 1), (summary.DisplayName, summary.TargetedUserCount, summary.AppliedUserCount));
        var edge = Assert.Single(summary.PerApp);
        Assert.Equal((WindowsPolicyDraft.EdgeAppId, 1), (edge.AppId, edge.AppliedUserCount));
        Assert.Equal(Now, summary.LastRefreshDateTime);
    }

    [Fact]
    public async Task GetDeploymentSummaryAsync_UnknownPolicy_IsNotFound()
    {
        var result = await _queries.GetDeploymentSummaryAsync(_reader, "no-such-policy");

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    private async Task<string> GroupAsync(string name, params string[] memberIds)
    {
        var result = await _groups.CreateGroupAsync(new GroupInput(name, null), memberIds, TestActors.GlobalAdministrator);
        return result.Value!.Id;
    }

    private async Task<string> PolicyAsync(string name, IReadOnlyList<string> included, IReadOnlyList<string>? excluded = null, IReadOnlyList<string>? apps = null)
    {
        var draft = PolicyTemplates.Blank() with
        {
            DisplayName = name,
            Apps = apps ?? [WindowsPolicyDraft.EdgeAppId],
            IncludedGroupIds = included,
            ExcludedGroupIds = excluded ?? [],
        };
        var result = await _policies.CreateAsync(draft, TestActors.Named(Admin));
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message)));
        return result.Value!.Id;
    }
}
