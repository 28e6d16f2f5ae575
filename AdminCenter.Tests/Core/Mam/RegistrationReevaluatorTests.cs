using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

public sealed class RegistrationReevaluatorTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ReevaluateAllAsync_PolicyAssignedAfterEnrollment_BlocksAndRecordsHistoryOnce()
    {
        var (userId, registrationId) = await EnrollAsync("old.os@contoso.com", platformVersion: "10.0.19045.1000");
        var group = await new GroupService(_database, _clock, NullLogger<GroupService>.Instance).CreateGroupAsync(new GroupInput("Sales", null), [userId], actor: TestActors.System);
        var policy = PolicyTemplates.Blank() with
        {
            DisplayName = "Min OS",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22621.2506", HealthCheckAction.Block)],
            IncludedGroupIds = [group.Value!.Id],
        };
        Assert.True((await new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance).CreateAsync(policy, TestActors.Named("admin"))).Succeeded);
        var reevaluator = new RegistrationReevaluator(_database, _clock);

        var changed = await reevaluator.ReevaluateAllAsync();
        var changedAgain = await reevaluator.ReevaluateAllAsync();

        Assert.Equal(1, changed);
        Assert.Equal(0, changedAgain);
        await using var db = _database.CreateDbContext();
        var registration = await db.MamRegistrations.SingleAsync(r => r.Id == registrationId);
        Assert.Equal(EvaluationOutcome.Block, registration.Outcome);
        Assert.Equal("Min OS", registration.PolicyNames);
        var reason = Assert.Single(await ReasonSetStore.LoadReasonsAsync(db, registration.EvaluationFingerprint));
        Assert.Equal("minimumRequiredOsVersion", reason.Setting);
        var history = await db.RegistrationOutcomeChanges.Where(c => c.RegistrationId == registrationId).ToListAsync();
        var change = Assert.Single(history);
        Assert.Equal(EvaluationOutcome.Allow, change.PreviousOutcome);
        Assert.Equal(EvaluationOutcome.Block, change.Outcome);
        Assert.Equal(registration.EvaluationFingerprint, change.ReasonSetFingerprint);
        var summary = (await db.EvaluationReasonSets.SingleAsync(s => s.Fingerprint == change.ReasonSetFingerprint)).Summary;
        Assert.StartsWith("Min OS: minimumRequiredOsVersion expected ", summary, StringComparison.Ordinal);
        Assert.EndsWith("actual 10.0.19045.1000 (Block access)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReevaluateAllAsync_ManyRegistrationsWithTheSameReasons_StoreOneReasonSet()
    {
        var users = new List<string>();
        foreach (var upn in new[] { "a@contoso.com", "b@contoso.com", "c@contoso.com" })
        {
            users.Add((await EnrollAsync(upn, platformVersion: "10.0.19045.1000")).UserId);
        }
        var newer = await EnrollAsync("d@contoso.com", platformVersion: "10.0.22631.4000");
        users.Add(newer.UserId);
        var group = await new GroupService(_database, _clock, NullLogger<GroupService>.Instance).CreateGroupAsync(new GroupInput("All", null), users, actor: TestActors.System);
        var policy = PolicyTemplates.Blank() with
        {
            DisplayName = "Min OS",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22621.2506", HealthCheckAction.Block)],
            IncludedGroupIds = [group.Value!.Id],
        };
        await new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance).CreateAsync(policy, TestActors.Named("admin"));

        var changed = await new RegistrationReevaluator(_database, _clock).ReevaluateAllAsync();

        Assert.Equal(3, changed);
        await using var db = _database.CreateDbContext();
        var blocked = await db.MamRegistrations.Where(r => r.Outcome == EvaluationOutcome.Block).Select(r => r.EvaluationFingerprint).ToListAsync();
        Assert.Equal(3, blocked.Count);
        Assert.Single(blocked.Distinct());
        var allowed = await db.MamRegistrations.SingleAsync(r => r.Id == newer.RegistrationId);
        Assert.Equal(EvaluationOutcome.Allow, allowed.Outcome);
        // One set for the three blocked registrations and one for the allowed one (whose policies changed), nothing per row.
        Assert.Equal(2, await db.EvaluationReasonSets.CountAsync());
        Assert.Empty(await ReasonSetStore.LoadReasonsAsync(db, allowed.EvaluationFingerprint));
        Assert.Single(await ReasonSetStore.LoadReasonsAsync(db, blocked[0]));
    }

    [Fact]
    public async Task DeleteUnreferencedAsync_SetsOfReplacedEvaluations_AreDeletedAndReferencedOnesKept()
    {
        var (_, registrationId) = await EnrollAsync("cleanup@contoso.com", platformVersion: "10.0.19045.1000");
        await using (var db = _database.CreateDbContext())
        {
            db.EvaluationReasonSets.Add(new EvaluationReasonSet(0, "[]", ""));
            db.EvaluationReasonSets.Add(new EvaluationReasonSet(7, "[]", "referenced by history"));
            db.EvaluationReasonSets.Add(new EvaluationReasonSet(8, "[]", "referenced by nothing"));
            var registration = await db.MamRegistrations.SingleAsync(r => r.Id == registrationId);
            db.RegistrationOutcomeChanges.Add(new RegistrationOutcomeChange(
                registration.Id, registration.UserId, registration.AppId, registration.AzureAdDeviceId, null, EvaluationOutcome.Allow, _clock.GetUtcNow().UtcDateTime, 7));
            await db.SaveChangesAsync();
        }
        var cleanup = new ReasonSetCleanup(_database, new AdminCenter.Core.Jobs.JobLeases(_database), _clock, Options.Create(new ReasonSetCleanupOptions()), NullLogger<ReasonSetCleanup>.Instance);

        var deleted = await cleanup.DeleteUnreferencedAsync();

        Assert.Equal(1, deleted);
        await using var check = _database.CreateDbContext();
        // 0 is the registration's current (never evaluated) fingerprint, 7 the history entry's.
        Assert.Equal([0L, 7L], await check.EvaluationReasonSets.Select(s => s.Fingerprint).OrderBy(f => f).ToListAsync());
    }

    [Fact]
    public async Task ReevaluateAllAsync_NothingChanged_WritesNothing()
    {
        await EnrollAsync("steady@contoso.com", platformVersion: "10.0.22631.4000");
        var reevaluator = new RegistrationReevaluator(_database, _clock);
        await reevaluator.ReevaluateAllAsync();

        var changed = await reevaluator.ReevaluateAllAsync();

        Assert.Equal(0, changed);
        await using var db = _database.CreateDbContext();
        Assert.Empty(db.RegistrationOutcomeChanges);
    }

    [Fact]
    public async Task ReevaluateAllAsync_MoreRegistrationsThanOneChunk_GivesTheOutcomesOfEvaluatingEachDirectly()
    {
        // 12 users with 1 or 3 registrations each, 28 in all; ids in user order, so chunks of 7 cut through users'
        // registrations (user 2's are at positions 6, 7, 8). Users 0-7 are in the policy's group, user 5 is disabled.
        var versions = new[] { "10.0.19045.1000", "10.0.22631.4000", "10.0.22000.100" };
        var users = new List<string>();
        var ordered = new List<string>();
        await using (var db = _database.CreateDbContext())
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            for (var u = 0; u < 12; u++)
            {
                var upn = $"chunk.{u}@contoso.com";
                var user = DirectoryUser.Create(upn, upn, accountEnabled: u != 5, now);
                db.DirectoryUsers.Add(user);
                users.Add(user.Id);
                for (var r = 0; r < (u % 3 == 2 ? 1 : 3) + (u == 2 ? 2 : 0); r++)
                {
                    var registration = MamRegistration.Enroll(user.Id, upn, WindowsPolicyDraft.EdgeAppId, Guid.NewGuid().ToString(), now);
                    RegistrationIdProperty.SetValue(registration, $"reg-{u:D2}-{r}");
                    registration.CheckIn(new MamDeviceInfo("LAPTOP", "Surface", "Microsoft", versions[(u + r) % 3], "131.0", "1.0"), now);
                    registration.SetEvaluation(EvaluationOutcome.Allow, "", 0, now);
                    db.MamRegistrations.Add(registration);
                    ordered.Add(registration.Id);
                }
            }
            await db.SaveChangesAsync();
        }
        Assert.True(ordered.Count > 3 * ChunkSize, "the pass must span several chunks");
        Assert.Equal(["reg-02-0", "reg-02-1"], ordered.Skip(ChunkSize - 1).Take(2));
        var group = (await new GroupService(_database, _clock, NullLogger<GroupService>.Instance)
            .CreateGroupAsync(new GroupInput("Chunked", null), users.Take(8).ToList(), actor: TestActors.System)).Value!;
        var policies = new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        var policy = MinOsPolicy(group.Id);
        var policyId = (await policies.CreateAsync(policy, TestActors.Named("admin"))).Value!.Id;
        var reevaluator = new RegistrationReevaluator(_database, _clock, ChunkSize);

        var expected = await EvaluateEachDirectlyAsync(group.Id);
        var changed = await reevaluator.ReevaluateAllAsync();

        // Registrations outside the group stay allowed with no policy; those in it are blocked or allowed by the rule.
        Assert.Contains(expected.Values, e => e.Outcome == EvaluationOutcome.Allow && e.PolicyNames.Length == 0);
        Assert.Contains(expected.Values, e => e.Outcome == EvaluationOutcome.Allow && e.PolicyNames == "Min OS");
        Assert.Contains(expected.Values, e => e.Outcome == EvaluationOutcome.Block);
        Assert.Equal(expected.Values.Count(e => e.Outcome != EvaluationOutcome.Allow), changed);
        await AssertStoredAsync(expected);
        await AssertHistoryAsync(expected.Where(e => e.Value.Outcome != EvaluationOutcome.Allow).Select(e => e.Key));

        // A second change flips some outcomes back, changes the reasons of others, and leaves the rows outside the group
        // as they are; only the flipped ones get history.
        var before = expected;
        await policies.UpdateAsync(policyId, policy with
        {
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22000.50", HealthCheckAction.Block)],
        }, null, TestActors.Named("admin"));
        expected = await EvaluateEachDirectlyAsync(group.Id);
        _clock.Advance(TimeSpan.FromMinutes(1));

        changed = await reevaluator.ReevaluateAllAsync();

        var flipped = expected.Keys.Where(id => expected[id].Outcome != before[id].Outcome).ToList();
        Assert.NotEmpty(flipped);
        Assert.Contains(expected.Keys, id => expected[id].Outcome == EvaluationOutcome.Block && expected[id].Fingerprint != before[id].Fingerprint);
        Assert.Contains(expected.Keys, id => expected[id] == before[id]);
        Assert.Equal(flipped.Count, changed);
        await AssertStoredAsync(expected);
        await AssertHistoryAsync(before.Where(e => e.Value.Outcome != EvaluationOutcome.Allow).Select(e => e.Key).Concat(flipped));
    }

    [Fact]
    public async Task ReevaluateAllAsync_PolicyChangedBetweenChunks_LaterChunksUseTheChangedPolicy()
    {
        // A policy edit commits while the pass is between its first and second chunk: the second chunk must judge its rows
        // by the edited policy, as a check-in at that moment would, not by the settings the pass started with.
        var beforeSecondChunk = new BeforeTransaction(2);
        var interceptor = new ReevaluationInterceptor(new ReevaluationRequests());
        using var database = new TestDatabase(interceptor, interceptor.CommitWatcher, beforeSecondChunk);
        var now = _clock.GetUtcNow().UtcDateTime;
        var users = new List<string>();
        await using (var db = database.CreateDbContext())
        {
            for (var u = 0; u < 2 * ChunkSize; u++)
            {
                var upn = $"between.{u}@contoso.com";
                var user = DirectoryUser.Create(upn, upn, accountEnabled: true, now);
                db.DirectoryUsers.Add(user);
                users.Add(user.Id);
                var registration = MamRegistration.Enroll(user.Id, upn, WindowsPolicyDraft.EdgeAppId, Guid.NewGuid().ToString(), now);
                RegistrationIdProperty.SetValue(registration, $"reg-{u:D2}");
                registration.CheckIn(new MamDeviceInfo("LAPTOP", "Surface", "Microsoft", "10.0.19045.1000", "131.0", "1.0"), now);
                registration.SetEvaluation(EvaluationOutcome.Allow, "", 0, now);
                db.MamRegistrations.Add(registration);
            }
            await db.SaveChangesAsync();
        }
        var group = (await new GroupService(database, _clock, NullLogger<GroupService>.Instance)
            .CreateGroupAsync(new GroupInput("Between chunks", null), users, actor: TestActors.System)).Value!;
        var policies = new AppProtectionPolicyService(database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        var policy = MinOsPolicy(group.Id);
        var policyId = (await policies.CreateAsync(policy, TestActors.Named("admin"))).Value!.Id;
        beforeSecondChunk.Arm(async () => Assert.True((await policies.UpdateAsync(policyId, policy with
        {
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.19000.0", HealthCheckAction.Block)],
        }, null, TestActors.Named("admin"))).Succeeded));

        await new RegistrationReevaluator(database, _clock, ChunkSize).ReevaluateAllAsync();

        Assert.True(beforeSecondChunk.Ran, "the policy edit must land between the pass's chunks");
        await using var check = database.CreateDbContext();
        var outcomes = await check.MamRegistrations.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Outcome).ToListAsync();
        Assert.Equal(Enumerable.Repeat(EvaluationOutcome.Block, ChunkSize).Concat(Enumerable.Repeat(EvaluationOutcome.Allow, ChunkSize)), outcomes);
    }

    /// <summary>Runs an action once, just before the given explicit transaction to start after it is armed begins.</summary>
    private sealed class BeforeTransaction(int ordinal) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        private Func<Task>? _action;
        private int _started;

        public bool Ran { get; private set; }

        public void Arm(Func<Task> action) => _action = action;

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionStartingEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (_action is { } action && ++_started == ordinal)
            {
                // Disarmed first: the action's own saves start transactions too.
                _action = null;
                await action();
                Ran = true;
            }
            return result;
        }
    }

    private const int ChunkSize = 7;

    /// <summary>"Min OS": Edge on Windows 11 22H2 or later for the group, else access blocked.</summary>
    private static WindowsPolicyDraft MinOsPolicy(string groupId) => PolicyTemplates.Blank() with
    {
        DisplayName = "Min OS",
        Apps = [WindowsPolicyDraft.EdgeAppId],
        HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22621.2506", HealthCheckAction.Block)],
        IncludedGroupIds = [groupId],
    };

    private static readonly System.Reflection.PropertyInfo RegistrationIdProperty = typeof(MamRegistration).GetProperty(nameof(MamRegistration.Id))!;

    /// <summary>Each registration evaluated on its own, as a check-in would: the outcomes a pass must store.</summary>
    private async Task<Dictionary<string, (EvaluationOutcome Outcome, long Fingerprint, string PolicyNames)>> EvaluateEachDirectlyAsync(string groupId)
    {
        await using var db = _database.CreateDbContext();
        var context = await TenantEvaluationContext.LoadAsync(db, CancellationToken.None);
        var members = (await db.GroupMemberships.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync()).ToHashSet();
        var enabled = await db.DirectoryUsers.ToDictionaryAsync(u => u.Id, u => u.AccountEnabled);
        var evaluator = new RegistrationEvaluator(context);
        var expected = new Dictionary<string, (EvaluationOutcome, long, string)>();
        foreach (var registration in await db.MamRegistrations.AsNoTracking().ToListAsync())
        {
            var groups = members.Contains(registration.UserId) ? new HashSet<string> { groupId } : [];
            evaluator.Evaluate(registration.AppId, groups, new RegistrationFacts(enabled[registration.UserId], registration.PlatformVersion,
                registration.AppVersion, registration.SdkVersion, registration.LastCheckInDateTime, registration.ThreatLevel,
                registration.ThreatConnectorId, registration.DeviceManufacturer, registration.DeviceModel), _clock.GetUtcNow().UtcDateTime);
            // An unchanged fingerprint is not rewritten: what is stored stays (Allow, no policies, fingerprint 0 here).
            expected[registration.Id] = evaluator.Fingerprint == registration.EvaluationFingerprint
                ? (registration.Outcome, registration.EvaluationFingerprint, registration.PolicyNames)
                : (evaluator.Outcome, evaluator.Fingerprint, evaluator.Explain().PolicyNames);
        }
        return expected;
    }

    private async Task AssertStoredAsync(Dictionary<string, (EvaluationOutcome Outcome, long Fingerprint, string PolicyNames)> expected)
    {
        await using var db = _database.CreateDbContext();
        var stored = await db.MamRegistrations.AsNoTracking().ToDictionaryAsync(r => r.Id, r => (r.Outcome, r.EvaluationFingerprint, r.PolicyNames));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), stored.OrderBy(e => e.Key, StringComparer.Ordinal));
        var sets = await db.EvaluationReasonSets.Select(s => s.Fingerprint).ToListAsync();
        Assert.All(expected.Values.Where(e => e.Fingerprint != 0), e => Assert.Contains(e.Fingerprint, sets));
    }

    private async Task AssertHistoryAsync(IEnumerable<string> expectedChanges)
    {
        await using var db = _database.CreateDbContext();
        var history = await db.RegistrationOutcomeChanges.Select(c => c.RegistrationId).ToListAsync();
        Assert.Equal(expectedChanges.Order(StringComparer.Ordinal), history.Order(StringComparer.Ordinal));
    }

    private async Task<(string UserId, string RegistrationId)> EnrollAsync(string upn, string platformVersion)
    {
        await using var db = _database.CreateDbContext();
        var now = _clock.GetUtcNow().UtcDateTime;
        var user = DirectoryUser.Create(upn, upn, accountEnabled: true, now);
        db.DirectoryUsers.Add(user);
        var registration = MamRegistration.Enroll(user.Id, upn, WindowsPolicyDraft.EdgeAppId, Guid.NewGuid().ToString(), now);
        registration.CheckIn(new MamDeviceInfo("LAPTOP", "Surface", "Microsoft", platformVersion, "131.0", "1.0"), now);
        registration.SetEvaluation(EvaluationOutcome.Allow, "", 0, now);
        db.MamRegistrations.Add(registration);
        await db.SaveChangesAsync();
        return (user.Id, registration.Id);
    }
}
