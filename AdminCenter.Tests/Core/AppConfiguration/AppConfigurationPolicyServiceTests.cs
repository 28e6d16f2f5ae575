using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.AppConfiguration;

public sealed class AppConfigurationPolicyServiceTests : IDisposable
{
    private static readonly Actor Admin = Actor.WithRoles(ActorKind.Administrator, "admin@contoso.onmicrosoft.com", [BuiltInRoles.IntuneAdministrator]);
    private static readonly Actor Reader = Actor.WithRoles(ActorKind.Administrator, "reader@contoso.onmicrosoft.com", [BuiltInRoles.ReadOnlyOperator]);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AppConfigurationPolicyService _policies;
    private readonly GroupService _groups;

    public AppConfigurationPolicyServiceTests()
    {
        _policies = new AppConfigurationPolicyService(_database, _clock, NullLogger<AppConfigurationPolicyService>.Instance);
        _groups = new GroupService(_database, _clock, NullLogger<GroupService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateAsync_ValidDraft_SavesAndRecordsOneAuditEvent()
    {
        var draft = Named("Edge home page") with
        {
            EdgeSettings = [new AppConfigSetting("HomepageLocation", "https://contoso.sharepoint.com")],
            GeneralSettings = [new AppConfigSetting("com.contoso.signIn", "{{userprincipalname}}")],
        };

        var result = await _policies.CreateAsync(draft, Admin);

        Assert.True(result.Succeeded);
        var saved = await _policies.GetAsync(result.Value!.Id);
        Assert.Equal(draft.EdgeSettings, saved!.Draft.EdgeSettings);
        Assert.Equal(draft.GeneralSettings, saved.Draft.GeneralSettings);
        Assert.Equal(1, saved.Version);
        await using var db = _database.CreateDbContext();
        var audit = await db.AuditEvents.SingleAsync();
        Assert.Equal(AuditCategories.ManagedApps, audit.Category);
        Assert.Equal("Create TargetedManagedAppConfiguration", audit.Activity);
        Assert.Equal("admin@contoso.onmicrosoft.com", audit.InitiatedBy);
        Assert.Contains("HomepageLocation = https://contoso.sharepoint.com", audit.ModifiedPropertiesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NameTakenInOtherCase_ConflictAndNothingSaved()
    {
        await _policies.CreateAsync(Named("Edge home page"), Admin);

        var second = await _policies.CreateAsync(Named("EDGE HOME PAGE"), Admin);

        Assert.Equal(ServiceOutcome.Conflict, second.Outcome);
        Assert.Contains("already exists", second.MessageFor(AppConfigurationValidator.DisplayNameField), StringComparison.Ordinal);
        Assert.Single(await _policies.ListAsync(null));
    }

    [Fact]
    public async Task CreateAsync_ReadOnlyActor_ForbiddenAndNothingSaved()
    {
        var result = await _policies.CreateAsync(Named("Edge home page"), Reader);

        Assert.Equal(ServiceOutcome.Forbidden, result.Outcome);
        Assert.Equal(new Permission(PermissionCategory.ManagedApps, PermissionAction.Create), result.MissingPermission);
        Assert.Empty(await _policies.ListAsync(null));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ConflictNamingWhoChangedIt()
    {
        var created = (await _policies.CreateAsync(Named("Edge"), Admin)).Value!;
        await _policies.UpdateAsync(created.Id, created.Draft with { Description = "first" }, created.Version, Admin);

        var stale = await _policies.UpdateAsync(created.Id, created.Draft with { Description = "second" }, created.Version, Admin);

        Assert.Equal(ServiceOutcome.Conflict, stale.Outcome);
        Assert.Contains("admin@contoso.onmicrosoft.com", stale.MessageFor("version"), StringComparison.Ordinal);
        Assert.Equal("first", (await _policies.GetAsync(created.Id))!.Draft.Description);
    }

    [Fact]
    public async Task ReplaceAssignmentsAsync_Groups_AssignedAndAudited()
    {
        var created = (await _policies.CreateAsync(Named("Edge"), Admin)).Value!;
        var group = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [], TestActors.GlobalAdministrator)).Value!;

        var result = await _policies.ReplaceAssignmentsAsync(created.Id, [group.Id], [], null, Admin);

        Assert.True(result.Succeeded);
        Assert.True(result.Value!.IsAssigned);
        Assert.Equal("Sales", Assert.Single(result.Value.IncludedGroups).DisplayName);
        await using var db = _database.CreateDbContext();
        Assert.Contains(await db.AuditEvents.Select(e => e.Activity).ToListAsync(), a => a == "Assign TargetedManagedAppConfiguration");
    }

    [Fact]
    public async Task UpdateAsync_IncludedGroupFilters_SavedAndShownWithTheirNames()
    {
        var created = (await _policies.CreateAsync(Named("Edge"), Admin)).Value!;
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [], TestActors.GlobalAdministrator)).Value!;
        var finance = (await _groups.CreateGroupAsync(new GroupInput("Finance", null), [], TestActors.GlobalAdministrator)).Value!;
        var filter = await CreateFilterAsync("Surface devices");
        var filters = new[] { new IncludedGroupFilter(sales.Id, filter, AssignmentFilterMode.Exclude) };

        var result = await _policies.UpdateAsync(created.Id, created.Draft with { IncludedGroupIds = [sales.Id, finance.Id], AssignmentFilters = filters }, created.Version, Admin);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message)));
        var saved = (await _policies.GetAsync(created.Id))!;
        Assert.Equal(filters, saved.Draft.AssignmentFilters);
        Assert.Equal("Surface devices", saved.FilterNames[filter]);
        await using var db = _database.CreateDbContext();
        var row = await db.AppConfigurationAssignments.SingleAsync(a => a.GroupId == sales.Id);
        Assert.Equal((filter, AssignmentFilterMode.Exclude), (row.FilterId, row.FilterMode));
    }

    [Fact]
    public async Task ReplaceAssignmentsAsync_FilterOnExcludedGroupOrUnknownFilter_InvalidAndNothingSaved()
    {
        var created = (await _policies.CreateAsync(Named("Edge"), Admin)).Value!;
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [], TestActors.GlobalAdministrator)).Value!;
        var filter = await CreateFilterAsync("Surface devices");

        var onExcluded = await _policies.ReplaceAssignmentsAsync(created.Id, [], [sales.Id],
            [new IncludedGroupFilter(sales.Id, filter, AssignmentFilterMode.Include)], null, Admin);
        var unknown = await _policies.ReplaceAssignmentsAsync(created.Id, [sales.Id], [],
            [new IncludedGroupFilter(sales.Id, "no-such-filter", AssignmentFilterMode.Include)], null, Admin);

        Assert.Contains("only included groups take a filter", onExcluded.MessageFor(AppConfigurationValidator.AssignmentsField), StringComparison.Ordinal);
        Assert.Contains("The filter 'no-such-filter' does not exist", unknown.MessageFor(AppConfigurationValidator.AssignmentsField), StringComparison.Ordinal);
        Assert.Empty((await _policies.GetAsync(created.Id))!.Draft.IncludedGroupIds);
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovedAndAudited()
    {
        var created = (await _policies.CreateAsync(Named("Edge"), Admin)).Value!;

        var result = await _policies.DeleteAsync(created.Id, created.Version, Admin);

        Assert.True(result.Succeeded);
        Assert.Null(await _policies.GetAsync(created.Id));
        await using var db = _database.CreateDbContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync());
    }

    private async Task<string> CreateFilterAsync(string name)
    {
        var filters = new AssignmentFilterService(_database, _clock);
        var created = await filters.CreateAsync(TestActors.GlobalAdministrator,
            new AssignmentFilterDraft { DisplayName = name, Rule = "app.deviceManufacturer -eq \"Microsoft Corporation\"" });
        return created.Value!.Id;
    }

    private static AppConfigurationDraft Named(string name) => new() { DisplayName = name, Apps = [WindowsPolicyDraft.EdgeAppId] };
}
