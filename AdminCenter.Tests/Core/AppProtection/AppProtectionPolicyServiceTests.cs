using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.AppProtection;

public sealed class AppProtectionPolicyServiceTests : IDisposable
{
    private const string Admin = "admin@contoso.onmicrosoft.com";

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly AppProtectionPolicyService _policies;
    private readonly GroupService _groups;
    private readonly UserService _users;

    public AppProtectionPolicyServiceTests()
    {
        _policies = new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        _groups = new GroupService(_database, _clock, NullLogger<GroupService>.Instance);
        _users = new UserService(_database, _clock, NullLogger<UserService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateAsync_Level3Draft_SavesHealthRowsAsGraphSettings()
    {
        var draft = PolicyTemplates.Create(PolicyTemplateLevel.Level3High) with { DisplayName = "Edge level 3" };

        var result = await _policies.CreateAsync(draft, TestActors.Named(Admin));

        Assert.True(result.Succeeded);
        var saved = await _policies.GetAsync(result.Value!.Id);
        Assert.Equal(TimeSpan.FromMinutes(1440), saved!.Settings.PeriodOfflineBeforeAccessCheck);
        Assert.Equal(TimeSpan.FromDays(30), saved.Settings.PeriodOfflineBeforeWipeIsEnforced);
        Assert.Equal("10.0.22621.2506", saved.Settings.MinimumRequiredOsVersion);
        Assert.Equal("10.0.22641", saved.Settings.MaximumWarningOsVersion);
        Assert.Equal(DeviceThreatLevel.Secured, saved.Settings.MaximumAllowedDeviceThreatLevel);
        Assert.Equal(HealthCheckAction.Block, saved.Settings.MobileThreatDefenseRemediationAction);
        Assert.Equal(draft.HealthChecks, saved.Draft.HealthChecks);
        Assert.Equal(1, saved.Version);
        Assert.Equal(Admin, saved.LastModifiedBy);
    }

    [Fact]
    public async Task CreateAsync_NameTakenInOtherCase_IsConflictAndSavesNothing()
    {
        await _policies.CreateAsync(Named("Edge baseline"), TestActors.Named(Admin));

        var second = await _policies.CreateAsync(Named("EDGE BASELINE"), TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Conflict, second.Outcome);
        Assert.Contains("already exists", second.MessageFor(PolicyValidator.DisplayNameField), StringComparison.Ordinal);
        Assert.Single(await _policies.ListAsync(new PolicyListQuery()));
    }

    [Fact]
    public async Task CreateAsync_InvalidHealthRow_IsInvalidAndSavesNothing()
    {
        var draft = Named("Edge") with { HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "22631.3155", HealthCheckAction.Block)] };

        var result = await _policies.CreateAsync(draft, TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Contains("10.0.22631.3155", result.MessageFor(PolicyValidator.HealthCheckField(0)), StringComparison.Ordinal);
        Assert.Empty(await _policies.ListAsync(new PolicyListQuery()));
    }

    [Fact]
    public async Task CreateAsync_UnknownGroup_IsRefused()
    {
        var draft = Named("Edge") with { IncludedGroupIds = [Guid.NewGuid().ToString()] };

        var result = await _policies.CreateAsync(draft, TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.NotNull(result.MessageFor(PolicyValidator.AssignmentsField));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_RefusesNamingTheOtherAdminAndKeepsTheirChange()
    {
        var created = (await _policies.CreateAsync(Named("Edge"), TestActors.Named(Admin))).Value!;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await _policies.UpdateAsync(created.Id, created.Draft with { Description = "theirs" }, created.Version, TestActors.Named("other@contoso.onmicrosoft.com"));

        var mine = await _policies.UpdateAsync(created.Id, created.Draft with { Description = "mine" }, created.Version, TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Conflict, mine.Outcome);
        Assert.Equal("This policy was changed by other@contoso.onmicrosoft.com at 2026-11-25 09:05 UTC; reload to see the changes.", mine.Problems[0].Message);
        Assert.Equal("theirs", (await _policies.GetAsync(created.Id))!.Draft.Description);
    }

    [Fact]
    public async Task ListAsync_SearchAndAssignment_FiltersAndReportsDeployed()
    {
        var group = await CreateGroupAsync("Sales");
        await _policies.CreateAsync(Named("Edge assigned") with { IncludedGroupIds = [group] }, TestActors.Named(Admin));
        await _policies.CreateAsync(Named("Edge excluded only") with { ExcludedGroupIds = [group] }, TestActors.Named(Admin));
        await _policies.CreateAsync(Named("Other"), TestActors.Named(Admin));

        var found = await _policies.ListAsync(new PolicyListQuery("edge", PolicySortColumn.Policy, Descending: true));

        Assert.Equal(["Edge excluded only", "Edge assigned"], found.Select(p => p.DisplayName));
        Assert.Equal([false, true], found.Select(p => p.IsAssigned));
        Assert.All(found, p => Assert.Equal("Windows", p.Platform));
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    public async Task ListApplicablePoliciesAsync_IncludeExclude_ExclusionWins(bool inIncluded, bool inExcluded, bool applies)
    {
        var user = (await _users.CreateUserAsync(new UserInput("megan@contoso.onmicrosoft.com", "Megan Bowen"), actor: TestActors.System)).Value!;
        var included = await CreateGroupAsync("Included", inIncluded ? user.Id : null);
        var excluded = await CreateGroupAsync("Excluded", inExcluded ? user.Id : null);
        await _policies.CreateAsync(Named("Edge") with { IncludedGroupIds = [included], ExcludedGroupIds = [excluded] }, TestActors.Named(Admin));

        var policies = await _policies.ListApplicablePoliciesAsync(user.Id, WindowsPolicyDraft.EdgeAppId);

        Assert.Equal(applies, policies.Count == 1);
    }

    [Fact]
    public async Task DeleteAsync_Policy_RemovesItAndItsAssignments()
    {
        var group = await CreateGroupAsync("Sales");
        var created = (await _policies.CreateAsync(Named("Edge") with { IncludedGroupIds = [group] }, TestActors.Named(Admin))).Value!;

        var deleted = await _policies.DeleteAsync(created.Id, TestActors.Named(Admin));

        Assert.True(deleted.Succeeded);
        Assert.Null(await _policies.GetAsync(created.Id));
        await using var db = _database.CreateDbContext();
        Assert.Empty(db.PolicyAssignments);
    }

    [Fact]
    public async Task ReplaceAssignmentsAsync_IncludeAndExclude_ReplacesGroupsAndKeepsEverythingElse()
    {
        var old = await CreateGroupAsync("Old");
        var sales = await CreateGroupAsync("Sales");
        var interns = await CreateGroupAsync("Interns");
        var created = await _policies.CreateAsync(Named("Edge assign") with { IncludedGroupIds = [old], DataProtection = new WindowsAppProtectionSettings { PrintBlocked = true } }, TestActors.Named(Admin));

        var result = await _policies.ReplaceAssignmentsAsync(created.Value!.Id, [sales], [interns], expectedVersion: 1, TestActors.Named("API token: automation"));

        Assert.True(result.Succeeded);
        var saved = (await _policies.GetAsync(created.Value.Id))!;
        Assert.Equal([sales], saved.IncludedGroups.Select(g => g.Id));
        Assert.Equal([interns], saved.ExcludedGroups.Select(g => g.Id));
        Assert.Equal((true, 2, "API token: automation"), (saved.Settings.PrintBlocked, saved.Version, saved.LastModifiedBy));
    }

    [Fact]
    public async Task ReplaceAssignmentsAsync_GroupBothIncludedAndExcluded_IsInvalidWithTheWizardsMessage()
    {
        var sales = await CreateGroupAsync("Sales");
        var created = await _policies.CreateAsync(Named("Edge both"), TestActors.Named(Admin));

        var result = await _policies.ReplaceAssignmentsAsync(created.Value!.Id, [sales], [sales], expectedVersion: null, TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal($"Group '{sales}' is both included and excluded; a group can be one or the other.", result.MessageFor(PolicyValidator.AssignmentsField));
        Assert.Equal(1, (await _policies.GetAsync(created.Value.Id))!.Version);
    }

    [Fact]
    public async Task SetAppsAsync_NoAppOrStaleVersion_IsRefusedAndChangesNothing()
    {
        var created = await _policies.CreateAsync(Named("Edge apps"), TestActors.Named(Admin));

        var empty = await _policies.SetAppsAsync(created.Value!.Id, [], expectedVersion: null, TestActors.Named(Admin));
        var stale = await _policies.SetAppsAsync(created.Value.Id, [WindowsPolicyDraft.EdgeAppId], expectedVersion: 7, TestActors.Named(Admin));
        var missing = await _policies.SetAppsAsync("no-such-policy", [WindowsPolicyDraft.EdgeAppId], expectedVersion: null, TestActors.Named(Admin));

        Assert.Equal("Select at least one app", empty.MessageFor(PolicyValidator.AppsField));
        Assert.Equal(ServiceOutcome.Conflict, stale.Outcome);
        Assert.Equal(ServiceOutcome.NotFound, missing.Outcome);
        Assert.Equal(1, (await _policies.GetAsync(created.Value.Id))!.Version);
    }

    [Fact]
    public async Task DeleteAsync_StaleVersion_IsAConflictAndKeepsThePolicy()
    {
        var created = await _policies.CreateAsync(Named("Edge delete"), TestActors.Named(Admin));

        var stale = await _policies.DeleteAsync(created.Value!.Id, expectedVersion: 2, TestActors.Named(Admin));
        var current = await _policies.DeleteAsync(created.Value.Id, expectedVersion: 1, TestActors.Named(Admin));
        var again = await _policies.DeleteAsync(created.Value.Id, expectedVersion: null, TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Conflict, stale.Outcome);
        Assert.Contains("reload to see the changes", stale.MessageFor("version"), StringComparison.Ordinal);
        Assert.True(current.Succeeded);
        Assert.Equal(ServiceOutcome.NotFound, again.Outcome);
    }

    [Fact]
    public async Task ListDetailsAsync_Policies_AreByNameWithTheirGroups()
    {
        var sales = await CreateGroupAsync("Sales");
        await _policies.CreateAsync(Named("b policy") with { IncludedGroupIds = [sales] }, TestActors.Named(Admin));
        await _policies.CreateAsync(Named("A policy"), TestActors.Named(Admin));

        var details = await _policies.ListDetailsAsync();

        Assert.Equal(["A policy", "b policy"], details.Select(d => d.Draft.DisplayName));
        Assert.Equal([sales], details[1].IncludedGroups.Select(g => g.Id));
        Assert.True(details[1].IsAssigned);
    }

    private static WindowsPolicyDraft Named(string name) => PolicyTemplates.Blank() with { DisplayName = name, Apps = [WindowsPolicyDraft.EdgeAppId] };

    private async Task<string> CreateGroupAsync(string name, string? memberId = null)
    {
        var result = await _groups.CreateGroupAsync(new GroupInput(name, null), memberId is null ? null : [memberId], actor: TestActors.System);
        Assert.True(result.Succeeded);
        return result.Value!.Id;
    }
}
