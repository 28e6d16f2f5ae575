using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Filters;

public sealed class AssignmentFilterServiceTests : IDisposable
{
    private const string SurfaceRule = "app.deviceManufacturer -eq \"Microsoft Corporation\"";

    private static readonly Actor Admin = new(ActorKind.Administrator, "admin@contoso.com", Permissions.All.ToHashSet());
    private static readonly Actor Reader = new(ActorKind.Administrator, "reader@contoso.com", new HashSet<Permission> { new(PermissionCategory.Filters, PermissionAction.Read) });

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AssignmentFilterService _filters;

    public AssignmentFilterServiceTests()
    {
        _filters = new AssignmentFilterService(_database, _clock);
    }

    public void Dispose() => _database.Dispose();

    private static AssignmentFilterDraft Draft(string name, string rule = SurfaceRule) => new() { DisplayName = name, Description = "Test", Rule = rule };

    [Fact]
    public async Task CreateAsync_ValidDraft_SavesAndRecordsOneAuditEvent()
    {
        var result = await _filters.CreateAsync(Admin, Draft("Surface devices"));

        Assert.True(result.Succeeded);
        Assert.Equal("Surface devices", result.Value!.DisplayName);
        Assert.Equal(SurfaceRule, result.Value.Rule);
        await using var db = _database.CreateDbContext();
        var audit = Assert.Single(await db.AuditEvents.AsNoTracking().ToListAsync());
        Assert.Equal(AuditCategories.Filters, audit.Category);
        Assert.Equal("admin@contoso.com", audit.InitiatedBy);
        Assert.Equal("Surface devices", audit.TargetDisplayName);
    }

    [Fact]
    public async Task CreateAsync_NameTakenInOtherCase_IsConflictAtTheName()
    {
        await _filters.CreateAsync(Admin, Draft("Surface devices"));

        var second = await _filters.CreateAsync(Admin, Draft("SURFACE DEVICES"));

        Assert.Equal(ServiceOutcome.Conflict, second.Outcome);
        Assert.Contains("already exists", second.MessageFor(AssignmentFilterValidator.DisplayNameField), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_RuleWithSyntaxError_IsRefusedAtTheRuleWithItsPosition()
    {
        var result = await _filters.CreateAsync(Admin, Draft("Broken", "app.deviceManufacturer -equals \"Microsoft\""));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        var message = result.MessageFor(AssignmentFilterValidator.RuleField);
        Assert.StartsWith("Position 24: Expected an operator for app.deviceManufacturer", message, StringComparison.Ordinal);
        Assert.Empty((await _filters.ListAsync(Admin)).Value!);
    }

    [Fact]
    public async Task CreateAsync_ActorWithoutCreate_IsForbiddenAndSavesNothing()
    {
        var result = await _filters.CreateAsync(Reader, Draft("Surface devices"));

        Assert.Equal(ServiceOutcome.Forbidden, result.Outcome);
        Assert.Equal(new Permission(PermissionCategory.Filters, PermissionAction.Create), result.MissingPermission);
        Assert.Empty((await _filters.ListAsync(Reader)).Value!);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_IsConflictNamingWhoChangedIt()
    {
        var created = (await _filters.CreateAsync(Admin, Draft("Surface devices"))).Value!;
        await _filters.UpdateAsync(Admin, created.Id, Draft("Surface devices", "app.deviceModel -startsWith \"Surface\""), created.Version);

        var stale = await _filters.UpdateAsync(Admin, created.Id, Draft("Renamed"), created.Version);

        Assert.Equal(ServiceOutcome.Conflict, stale.Outcome);
        Assert.Contains("admin@contoso.com", stale.MessageFor("version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_FilterUsedByAnAssignment_IsRefusedNamingThePolicy()
    {
        var filter = (await _filters.CreateAsync(Admin, Draft("Surface devices"))).Value!;
        var groupId = await CreatePolicyUsingAsync(filter.Id, "Edge level 3");

        var refused = await _filters.DeleteAsync(Admin, filter.Id);

        Assert.Equal(ServiceOutcome.Conflict, refused.Outcome);
        Assert.Contains("'Edge level 3'", refused.MessageFor("id"), StringComparison.Ordinal);
        Assert.True((await _filters.GetAsync(Admin, filter.Id)).Succeeded);
        Assert.NotNull(groupId);
    }

    [Fact]
    public async Task DeleteAsync_UnusedFilter_DeletesAndAudits()
    {
        var filter = (await _filters.CreateAsync(Admin, Draft("Surface devices"))).Value!;

        var deleted = await _filters.DeleteAsync(Admin, filter.Id);

        Assert.True(deleted.Succeeded);
        Assert.Equal(ServiceOutcome.NotFound, (await _filters.GetAsync(Admin, filter.Id)).Outcome);
        await using var db = _database.CreateDbContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Category == AuditCategories.Filters));
    }

    [Fact]
    public async Task PreviewAsync_Registrations_CountsThoseTheRuleMatches()
    {
        await EnrollAsync("megan@contoso.com", "Microsoft Corporation", "Surface Laptop 5");
        await EnrollAsync("alex@contoso.com", "Dell Inc.", "Latitude 7440");
        await EnrollAsync("adele@contoso.com", "microsoft corporation", "Surface Pro 9");

        var preview = (await _filters.PreviewAsync(Reader, SurfaceRule)).Value!;

        Assert.Equal(3, preview.Evaluated);
        Assert.Equal(2, preview.Matching);
        Assert.Equal(["adele@contoso.com", "megan@contoso.com"], preview.FirstMatches.Select(r => r.UserPrincipalName));
    }

    [Fact]
    public async Task PreviewAsync_BadRule_IsInvalidAtTheRule()
    {
        var preview = await _filters.PreviewAsync(Reader, "app.deviceModel -eq");

        Assert.Equal(ServiceOutcome.Invalid, preview.Outcome);
        Assert.StartsWith("Position 20:", preview.MessageFor(AssignmentFilterValidator.RuleField), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_RuleEdit_RequestsReevaluation()
    {
        var requests = new ReevaluationRequests();
        var interceptor = new ReevaluationInterceptor(requests);
        using var watched = new TestDatabase(interceptor, interceptor.CommitWatcher);
        var filters = new AssignmentFilterService(watched, _clock);
        var filter = (await filters.CreateAsync(Admin, Draft("Surface devices"))).Value!;
        while (requests.Reader.TryRead(out _))
        {
        }

        await filters.UpdateAsync(Admin, filter.Id, Draft("Surface devices", "app.deviceModel -startsWith \"Surface\""), filter.Version);

        Assert.True(requests.Reader.TryRead(out _));
    }

    [Fact]
    public async Task DeleteAsync_FilterUsedByAnAppConfigurationPolicy_IsRefusedNamingBothPolicies()
    {
        var filter = (await _filters.CreateAsync(Admin, Draft("Surface laptops"))).Value!;
        var groupId = await CreatePolicyUsingAsync(filter.Id, "Edge level 3");
        var configurations = new AppConfigurationPolicyService(_database, _clock, NullLogger<AppConfigurationPolicyService>.Instance);
        var created = await configurations.CreateAsync(new AppConfigurationDraft
        {
            DisplayName = "Edge homepage",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            IncludedGroupIds = [groupId],
            AssignmentFilters = [new IncludedGroupFilter(groupId, filter.Id, AssignmentFilterMode.Exclude)],
        }, Admin);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems.Select(p => p.Message)));

        var refused = await _filters.DeleteAsync(Admin, filter.Id);

        Assert.Equal(ServiceOutcome.Conflict, refused.Outcome);
        Assert.Equal("'Surface laptops' is used by 'Edge homepage', 'Edge level 3'. Remove it from those assignments first.", refused.MessageFor("id"));
        Assert.True((await _filters.GetAsync(Admin, filter.Id)).Succeeded);
    }

    private async Task<string> CreatePolicyUsingAsync(string filterId, string name)
    {
        var groups = new GroupService(_database, _clock, NullLogger<GroupService>.Instance);
        var group = (await groups.CreateGroupAsync(new GroupInput("Finance", null), [], TestActors.GlobalAdministrator)).Value!;
        var policies = new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        var draft = PolicyTemplates.Create(PolicyTemplateLevel.Level3High) with
        {
            DisplayName = name,
            IncludedGroupIds = [group.Id],
            AssignmentFilters = [new IncludedGroupFilter(group.Id, filterId, AssignmentFilterMode.Include)],
        };
        var created = await policies.CreateAsync(draft, TestActors.Named("admin"));
        Assert.True(created.Succeeded, string.Join("; ", created.Problems.Select(p => p.Message)));
        Assert.Equal(filterId, Assert.Single(created.Value!.Draft.AssignmentFilters).FilterId);
        return group.Id;
    }

    private async Task EnrollAsync(string upn, string manufacturer, string model)
    {
        var users = new UserService(_database, _clock, NullLogger<UserService>.Instance);
        var user = (await users.CreateUserAsync(new UserInput(upn, upn), TestActors.GlobalAdministrator)).Value!;
        await using var db = _database.CreateDbContext();
        var now = _clock.GetUtcNow().UtcDateTime;
        var registration = MamRegistration.Enroll(user.Id, upn, WindowsPolicyDraft.EdgeAppId, Guid.NewGuid().ToString(), now);
        registration.CheckIn(new MamDeviceInfo("PC", model, manufacturer, "10.0.22631.4460", "131.0.2903.70", "1.0.0"), now);
        db.MamRegistrations.Add(registration);
        await db.SaveChangesAsync();
    }
}
