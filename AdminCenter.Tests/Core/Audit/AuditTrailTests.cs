using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Audit;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Identity;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Audit;

public sealed class AuditTrailTests : IDisposable
{
    private const string Admin = "admin@contoso.onmicrosoft.com";
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly MtdConnectorService _connectors;

    public AuditTrailTests() => _connectors = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateAsync_Connector_RecordsOneCreateEventByTheAdmin()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin));

        var audit = Assert.Single(await EventsAsync());
        Assert.Equal(("Create MobileThreatDefenseConnector", AuditActivityType.Create, AuditCategories.MobileThreatDefense, Admin),
            (audit.Activity, audit.ActivityType, audit.Category, audit.InitiatedBy));
        Assert.Equal(("MobileThreatDefenseConnector", "Lookout for Work", Lookout, AuditResult.Success, Start.UtcDateTime),
            (audit.TargetType, audit.TargetDisplayName, audit.TargetId, audit.Result, audit.ActivityDateTime));
        Assert.Contains(new AuditModifiedProperty("partnerUnresponsivenessThresholdInDays", null, "7"), audit.ModifiedProperties);
        Assert.False(string.IsNullOrEmpty(audit.CorrelationId));
    }

    [Fact]
    public async Task UpdateAsync_OneToggle_RecordsOnlyThatPropertyWithOldAndNewValue()
    {
        var created = (await _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin))).Value!;

        await _connectors.UpdateAsync(Lookout, created.Settings with { PartnerUnresponsivenessThresholdInDays = 14 }, created.Version, TestActors.Named("other@contoso.com"));

        var audit = (await EventsAsync()).Last();
        Assert.Equal(("Update MobileThreatDefenseConnector", "other@contoso.com"), (audit.Activity, audit.InitiatedBy));
        Assert.Equal([new AuditModifiedProperty("partnerUnresponsivenessThresholdInDays", "7", "14")], audit.ModifiedProperties);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersionOrInvalidThreshold_RecordsNothing()
    {
        var created = (await _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin))).Value!;

        var stale = await _connectors.UpdateAsync(Lookout, created.Settings with { AndroidEnabled = true }, created.Version + 1, TestActors.Named(Admin));
        var invalid = await _connectors.UpdateAsync(Lookout, created.Settings with { PartnerUnresponsivenessThresholdInDays = 0 }, created.Version, TestActors.Named(Admin));
        var unknown = await _connectors.CreateAsync("not-a-partner", null, TestActors.Named(Admin));

        Assert.False(stale.Succeeded || invalid.Succeeded || unknown.Succeeded);
        Assert.Single(await EventsAsync());
    }

    [Fact]
    public async Task RegeneratePartnerSecretAsync_Secret_IsShownAsChangedNeverItsValue()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin));

        var secret = (await _connectors.RegeneratePartnerSecretAsync(Lookout, TestActors.Named(Admin))).Value!;

        var audit = (await EventsAsync()).Last();
        Assert.Equal(("Regenerate partner secret MobileThreatDefenseConnector", AuditActivityType.Action), (audit.Activity, audit.ActivityType));
        Assert.Equal([new AuditModifiedProperty("partnerSecret", null, AuditTrail.SecretChanged)], audit.ModifiedProperties);
        await using var db = _database.CreateDbContext();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.ModifiedPropertiesJson.Contains(secret)));
    }

    [Fact]
    public async Task RecordHeartbeatAsync_StatusChangeByPartner_IsRecordedOnceAndRepeatHeartbeatsAreNot()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin));

        await _connectors.RecordHeartbeatAsync(Lookout, null);
        _time.Advance(TimeSpan.FromHours(1));
        await _connectors.RecordHeartbeatAsync(Lookout, null);

        var events = await EventsAsync();
        Assert.Equal(2, events.Count);
        var audit = events.Last();
        Assert.Equal(("Update MobileThreatDefenseConnector", "Lookout for Work"), (audit.Activity, audit.InitiatedBy));
        Assert.Equal([new AuditModifiedProperty("partnerState", "notSetUp", "available")], audit.ModifiedProperties);
    }

    [Fact]
    public async Task MarkSilentConnectorsUnresponsiveAsync_SilentPartner_IsRecordedAsSystem()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin));
        await _connectors.RecordHeartbeatAsync(Lookout, null);
        _time.Advance(TimeSpan.FromDays(8));

        await _connectors.MarkSilentConnectorsUnresponsiveAsync();

        var audit = (await EventsAsync()).Last();
        Assert.Equal(AuditActors.System, audit.InitiatedBy);
        Assert.Equal([new AuditModifiedProperty("partnerState", "available", "unresponsive")], audit.ModifiedProperties);
    }

    [Fact]
    public async Task DeleteAsync_Connector_RecordsOneDeleteEvent()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin));

        await _connectors.DeleteAsync(Lookout, TestActors.Named(Admin));

        var audit = (await EventsAsync()).Last();
        Assert.Equal(("Delete MobileThreatDefenseConnector", AuditActivityType.Delete, Lookout), (audit.Activity, audit.ActivityType, audit.TargetId));
    }

    [Fact]
    public async Task SaveChanges_AuditInsertFails_TheChangeIsNotSavedEither()
    {
        await ExecuteAsync(TestSql.RefuseInserts("AuditEvents"));

        await Assert.ThrowsAsync<DbUpdateException>(() => _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin)));

        await using var db = _database.CreateDbContext();
        Assert.Empty(await db.MobileThreatDefenseConnectors.ToListAsync());
        Assert.Empty(await db.AuditEvents.ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_ChangeFails_NoEventIsSavedEither()
    {
        await ExecuteAsync(TestSql.RefuseInserts("MobileThreatDefenseConnectors"));

        await Assert.ThrowsAsync<DbUpdateException>(() => _connectors.CreateAsync(Lookout, null, TestActors.Named(Admin)));

        Assert.Empty(await EventsAsync());
    }

    [Fact]
    public async Task ApiTokens_CreateAndRevoke_RecordNameRoleAndStatusButNeverTheValue()
    {
        var tokens = new ApiTokenService(_database, _database.Settings, _time, NullLogger<ApiTokenService>.Instance);

        var created = (await tokens.CreateAsync(new ApiTokenInput("Automation", AdminRoles.IntuneAdministrator, Start.UtcDateTime.AddDays(30)), TestActors.Named(Admin))).Value!;
        await tokens.RevokeAsync(created.Token.Id, TestActors.Named(Admin));
        var duplicate = await tokens.CreateAsync(new ApiTokenInput("Automation", AdminRoles.IntuneAdministrator, Start.UtcDateTime.AddDays(30)), TestActors.Named(Admin));

        Assert.False(duplicate.Succeeded);
        var events = await EventsAsync();
        Assert.Equal(["Create ApiToken", "Revoke ApiToken"], events.Select(e => e.Activity));
        Assert.All(events, e => Assert.Equal(AuditCategories.ApiTokens, e.Category));
        Assert.Contains(new AuditModifiedProperty("role", null, AdminRoles.IntuneAdministrator), events[0].ModifiedProperties);
        Assert.Equal([new AuditModifiedProperty("status", "Active", "Revoked")], events[1].ModifiedProperties);
        Assert.DoesNotContain(events, e => e.ModifiedPropertiesJson.Contains(created.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Groups_CreateRenameAndMembers_RecordOneEventEach()
    {
        var users = new UserService(_database, _time, NullLogger<UserService>.Instance);
        var groups = new GroupService(_database, _time, NullLogger<GroupService>.Instance);
        var megan = (await users.CreateUserAsync(new UserInput("megan@contoso.com", "Megan Bowen"), TestActors.Named(Admin))).Value!;

        var group = (await groups.CreateGroupAsync(new GroupInput("Sales", null), [], TestActors.Named(Admin))).Value!;
        await groups.UpdateGroupAsync(group.Id, new GroupInput("Sales EMEA", null), TestActors.Named(Admin));
        await groups.AddMembersAsync(group.Id, [megan.Id], TestActors.Named(Admin));
        await groups.RemoveMemberAsync(group.Id, megan.Id, TestActors.Named(Admin));
        var taken = await groups.CreateGroupAsync(new GroupInput("sales emea", null), [], TestActors.Named(Admin));

        Assert.False(taken.Succeeded);
        var events = await EventsAsync();
        Assert.Equal(["Create User", "Create Group", "Update Group", "Add member Group", "Remove member Group"], events.Select(e => e.Activity));
        Assert.Equal([new AuditModifiedProperty("displayName", "Sales", "Sales EMEA")], events[2].ModifiedProperties);
        Assert.Equal([new AuditModifiedProperty("members", null, "megan@contoso.com")], events[3].ModifiedProperties);
        Assert.Equal([new AuditModifiedProperty("members", "megan@contoso.com", null)], events[4].ModifiedProperties);
    }

    [Fact]
    public async Task ImportAsync_Csv_RecordsOneImportEventAndARefusedFileNone()
    {
        var importer = new UserImportService(_database, _time, NullLogger<UserImportService>.Instance);

        await importer.ImportAsync("userPrincipalName,displayName,groups\nnew@contoso.com,New User,Pilot\n", TestActors.Named(Admin));
        await importer.ImportAsync("not,a,valid,header\n", TestActors.Named(Admin));

        var audit = Assert.Single(await EventsAsync());
        Assert.Equal(("Import User", AuditCategories.Organization), (audit.Activity, audit.Category));
        Assert.Contains(new AuditModifiedProperty("usersCreated", null, "new@contoso.com"), audit.ModifiedProperties);
        Assert.Contains(new AuditModifiedProperty("groupsCreated", null, "Pilot"), audit.ModifiedProperties);
    }

    [Fact]
    public async Task AppProtectionPolicy_CreateAssignAndDelete_RecordEachWithItsChanges()
    {
        var groups = new GroupService(_database, _time, NullLogger<GroupService>.Instance);
        var policies = new AppProtectionPolicyService(_database, _time, NullLogger<AppProtectionPolicyService>.Instance);
        var group = (await groups.CreateGroupAsync(new GroupInput("Pilot", null), [], TestActors.Named(Admin))).Value!;
        var draft = PolicyTemplates.Create(PolicyTemplateLevel.Level2Enhanced) with { DisplayName = "Edge baseline" };

        var policy = (await policies.CreateAsync(draft, TestActors.Named(Admin))).Value!;
        await policies.ReplaceAssignmentsAsync(policy.Id, [group.Id], [], null, TestActors.Named(Admin));
        await policies.DeleteAsync(policy.Id, TestActors.Named(Admin));
        var invalid = await policies.CreateAsync(draft with { DisplayName = "" }, TestActors.Named(Admin));

        Assert.False(invalid.Succeeded);
        var events = (await EventsAsync()).Where(e => e.Category == AuditCategories.ManagedApps).ToList();
        Assert.Equal(["Create WindowsManagedAppProtection", "Assign WindowsManagedAppProtection", "Delete WindowsManagedAppProtection"], events.Select(e => e.Activity));
        Assert.Equal([new AuditModifiedProperty("includedGroupIds", "[]", $"[\"{group.Id}\"]")], events[1].ModifiedProperties);
        Assert.Equal(AuditActivityType.Action, events[1].ActivityType);
    }

    [Fact]
    public async Task ConditionalAccess_Save_RecordsStateChange()
    {
        var access = new ConditionalAccessService(_database, _time, NullLogger<ConditionalAccessService>.Instance);
        var current = await access.GetPolicyAsync();

        await access.SavePolicyAsync(new ConditionalAccessPolicyDraft(ConditionalAccessState.ReportOnly, [], []), current.Version, TestActors.Named(Admin));

        var audit = Assert.Single(await EventsAsync());
        Assert.Equal((AuditCategories.Organization, "ConditionalAccessPolicy"), (audit.Category, audit.TargetType));
        Assert.Contains(new AuditModifiedProperty("state", null, "reportOnly"), audit.ModifiedProperties);
    }

    [Fact]
    public async Task Wipe_ManualRequestAndDelete_AreRecordedAndADuplicateIsNot()
    {
        var wipes = new WipeService(_database, _time, NullLogger<WipeService>.Instance);
        var user = await WipeTestData.AddUserAsync(_database, "adele@contoso.com", "Adele Vance", Start.UtcDateTime);
        var registration = await WipeTestData.EnrollAsync(_database, user, "device-1", "ADELE-PC", Start.UtcDateTime);

        var request = (await wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin))).Value!;
        var duplicate = await wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));
        await wipes.DeleteAsync(request.Id, TestActors.Named(Admin));

        Assert.False(duplicate.Succeeded);
        var events = (await EventsAsync()).Where(e => e.TargetType == "WipeRequest").ToList();
        Assert.Equal(["Create WipeRequest", "Delete WipeRequest"], events.Select(e => e.Activity));
        Assert.Equal("adele@contoso.com on ADELE-PC", events[0].TargetDisplayName);
        Assert.Contains(new AuditModifiedProperty("origin", null, "Manual"), events[0].ModifiedProperties);
    }

    [Fact]
    public async Task Wipe_RetentionDeletesCompletedRequests_RecordsOneSystemEventWithTheCount()
    {
        var wipes = new WipeService(_database, _time, NullLogger<WipeService>.Instance);
        var user = await WipeTestData.AddUserAsync(_database, "megan@contoso.com", "Megan Bowen", Start.UtcDateTime);
        var registration = await WipeTestData.EnrollAsync(_database, user, "device-2", "MEGAN-PC", Start.UtcDateTime);
        await wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));
        await wipes.CompleteAsync(registration.Id, succeeded: false, "Busy");
        _time.Advance(TimeSpan.FromDays(5));

        Assert.Equal(1, await wipes.DeleteExpiredAsync());
        Assert.Equal(0, await wipes.DeleteExpiredAsync());

        var audit = (await EventsAsync()).Last();
        Assert.Equal(("Delete WipeRequest", AuditActors.System), (audit.Activity, audit.InitiatedBy));
        Assert.Equal([new AuditModifiedProperty("count", null, "1")], audit.ModifiedProperties);
    }

    private static readonly string InWriteOrderSql = """SELECT * FROM "AuditEvents" ORDER BY """ + TestSql.InWriteOrder;

    private async Task<List<AuditEvent>> EventsAsync()
    {
        await using var db = _database.CreateDbContext();
        // Events written at the same instant stay in write order (OrderBy is stable); PostgreSQL's heap order is not it.
        var written = await db.AuditEvents.FromSqlRaw(InWriteOrderSql).AsNoTracking().ToListAsync();
        return written.OrderBy(e => e.ActivityDateTime).ThenBy(e => e.Activity == "Create User" ? 0 : 1).ToList();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = _database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
