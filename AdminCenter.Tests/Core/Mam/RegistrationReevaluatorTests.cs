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
