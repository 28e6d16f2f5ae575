using AdminCenter.Core.Persistence;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

public sealed class RegistrationStateWriterTests : IDisposable
{
    private const string Connector = PartnerCatalog.WindowsSecurityCenterId;
    private static readonly DateTime Newer = new(2026, 11, 25, 8, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Older = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WriteHealth_OlderReportAfterNewer_KeepsTheNewer()
    {
        var registrationId = await EnrollAsync("megan@contoso.com");

        var (newerWritten, olderWritten) = await InTransactionAsync(writer =>
            (writer.WriteHealth(registrationId, DeviceThreatLevel.High, Newer, Connector, null),
             writer.WriteHealth(registrationId, DeviceThreatLevel.Secured, Older, Connector, null)));

        Assert.True(newerWritten);
        Assert.False(olderWritten);
        Assert.Equal((DeviceThreatLevel.High, Newer), await HealthOfAsync(registrationId));
    }

    [Fact]
    public async Task WriteHealth_NewerReportAfterOlder_ReplacesIt()
    {
        var registrationId = await EnrollAsync("megan@contoso.com");

        var (olderWritten, newerWritten) = await InTransactionAsync(writer =>
            (writer.WriteHealth(registrationId, DeviceThreatLevel.Secured, Older, Connector, null),
             writer.WriteHealth(registrationId, DeviceThreatLevel.High, Newer, Connector, null)));

        Assert.True(olderWritten);
        Assert.True(newerWritten);
        Assert.Equal((DeviceThreatLevel.High, Newer), await HealthOfAsync(registrationId));
    }

    [Fact]
    public async Task WriteHealth_SetOfRegistrations_WritesEachUnlessANewerReportIsStored()
    {
        var holdsNewer = await EnrollAsync("megan@contoso.com");
        var holdsOlder = await EnrollAsync("adele@contoso.com");
        var fresh = await EnrollAsync("alex@contoso.com");
        await InTransactionAsync(writer => writer.WriteHealth(
            [new HealthWrite(holdsNewer, DeviceThreatLevel.Medium, Newer, Connector, null), new HealthWrite(holdsOlder, DeviceThreatLevel.Medium, Older, Connector, null)]));
        var evaluation = Evaluation(EvaluationOutcome.Block, 78);

        var written = await InTransactionAsync(writer => writer.WriteHealth(
        [
            new HealthWrite(holdsNewer, DeviceThreatLevel.Low, Older, Connector, evaluation),
            new HealthWrite(holdsOlder, DeviceThreatLevel.High, Newer, Connector, evaluation),
            new HealthWrite(fresh, DeviceThreatLevel.Secured, Older, Connector, null),
        ]));

        Assert.Equal([false, true, true], written);
        Assert.Equal((DeviceThreatLevel.Medium, Newer), await HealthOfAsync(holdsNewer));
        Assert.Equal((DeviceThreatLevel.High, Newer), await HealthOfAsync(holdsOlder));
        Assert.Equal((DeviceThreatLevel.Secured, Older), await HealthOfAsync(fresh));
        await using var db = _database.CreateDbContext();
        var outcomes = await db.MamRegistrations.Where(r => r.Id == holdsNewer || r.Id == holdsOlder || r.Id == fresh)
            .ToDictionaryAsync(r => r.Id, r => (r.Outcome, r.EvaluationFingerprint));
        Assert.Equal((EvaluationOutcome.Block, 78L), outcomes[holdsOlder]);
        Assert.NotEqual(78L, outcomes[holdsNewer].EvaluationFingerprint);
        Assert.NotEqual(78L, outcomes[fresh].EvaluationFingerprint);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteHealth_SameRegistrationFromTwoContextsAtOnce_LeavesTheNewer(bool newerFirst)
    {
        var registrationId = await EnrollAsync("megan@contoso.com");
        var (first, second) = newerFirst ? ((DeviceThreatLevel.High, Newer), (DeviceThreatLevel.Secured, Older)) : ((DeviceThreatLevel.Secured, Older), (DeviceThreatLevel.High, Newer));

        // The first writer holds its write uncommitted while the second starts: the second waits for it (SQLite: the
        // database lock; PostgreSQL: the row lock) and then finds the first one's report.
        await using var firstDb = _database.CreateDbContext();
        await firstDb.Database.OpenConnectionAsync();
        await using var firstTransaction = await firstDb.Database.BeginTransactionAsync();
        using (var writer = new RegistrationStateWriter(firstDb, _clock.GetUtcNow().UtcDateTime))
        {
            Assert.True(writer.WriteHealth(registrationId, first.Item1, first.Item2, Connector, null));
        }
        var secondWrite = Task.Run(() => InTransactionAsync(writer => writer.WriteHealth(registrationId, second.Item1, second.Item2, Connector, null)));
        await firstTransaction.CommitAsync();
        var secondWritten = await secondWrite;

        Assert.Equal(!newerFirst, secondWritten);
        Assert.Equal((DeviceThreatLevel.High, Newer), await HealthOfAsync(registrationId));
    }

    [Fact]
    public async Task WriteHealth_WithEvaluation_StoresOutcomeReasonsAndHistoryWhenAppended()
    {
        var registrationId = await EnrollAsync("megan@contoso.com");
        var evaluation = Evaluation(EvaluationOutcome.Block, 77);

        await InTransactionAsync(writer =>
        {
            Assert.True(writer.WriteHealth(registrationId, DeviceThreatLevel.High, Newer, Connector, evaluation));
            writer.AppendHistory(registrationId, EvaluationOutcome.Allow, EvaluationOutcome.Block, evaluation.Fingerprint);
            return true;
        });

        await using var db = _database.CreateDbContext();
        var registration = await db.MamRegistrations.SingleAsync(r => r.Id == registrationId);
        Assert.Equal((EvaluationOutcome.Block, 77L, "Test policy", _clock.GetUtcNow().UtcDateTime),
            (registration.Outcome, registration.EvaluationFingerprint, registration.PolicyNames, registration.OutcomeChangedDateTime));
        Assert.Equal("[]", (await db.EvaluationReasonSets.SingleAsync(s => s.Fingerprint == 77)).ReasonsJson);
        var change = Assert.Single(await db.RegistrationOutcomeChanges.Where(c => c.RegistrationId == registrationId).ToListAsync());
        Assert.Equal((EvaluationOutcome.Allow, EvaluationOutcome.Block, 77L), (change.PreviousOutcome, change.Outcome, change.ReasonSetFingerprint));
    }

    [Fact]
    public async Task WriteEvaluations_RegistrationChangedSinceThePassRead_IsLeftAsItsWriterLeftIt()
    {
        var stale = await EnrollAsync("stale@contoso.com");
        var current = await EnrollAsync("current@contoso.com");
        var enrolled = _clock.GetUtcNow().UtcDateTime;
        var block = Evaluation(EvaluationOutcome.Block, 88);

        var changed = await InTransactionAsync(writer =>
        {
            // "stale" got a health report after the pass read it (no report then); "current" is as the pass read it.
            writer.WriteHealth(stale, DeviceThreatLevel.Low, Older, Connector, null);
            return writer.WriteEvaluations([
                new EvaluationChange(stale.AsMemory(), EvaluationOutcome.Allow, 0, enrolled, null, block),
                new EvaluationChange(current.AsMemory(), EvaluationOutcome.Allow, 0, enrolled, null, block),
            ]);
        });

        Assert.Equal(1, changed);
        await using var db = _database.CreateDbContext();
        Assert.Equal(EvaluationOutcome.Allow, (await db.MamRegistrations.SingleAsync(r => r.Id == stale)).Outcome);
        Assert.Equal(EvaluationOutcome.Block, (await db.MamRegistrations.SingleAsync(r => r.Id == current)).Outcome);
        Assert.Equal([current], await db.RegistrationOutcomeChanges.Select(c => c.RegistrationId).ToListAsync());
    }

    [Fact]
    public async Task WriteEvaluations_MoreChangedOutcomesThanOneHistoryStatement_RecordsEachOnceWithItsRegistration()
    {
        // More than one history statement's worth on SQLite; the registration in the middle keeps its outcome (new reasons only).
        var count = RegistrationStateWriter.HistoryRowsPerStatement + 2;
        var registrations = await EnrollManyAsync(count);
        var enrolled = _clock.GetUtcNow().UtcDateTime;
        var keepsOutcome = registrations[count / 2].Id;
        var changes = registrations.Select((r, i) => new EvaluationChange(r.Id.AsMemory(), EvaluationOutcome.Allow, 0, enrolled, null,
            r.Id == keepsOutcome ? Evaluation(EvaluationOutcome.Allow, 90) : Evaluation(EvaluationOutcome.Block, 1000 + i))).ToList();

        var changed = await InTransactionAsync(writer => writer.WriteEvaluations(changes));

        Assert.Equal(count - 1, changed);
        await using var db = _database.CreateDbContext();
        var history = await db.RegistrationOutcomeChanges.AsNoTracking().ToListAsync();
        var expected = registrations.Select((r, i) => (r.Id, r.UserId, r.AppId, r.AzureAdDeviceId, 1000L + i)).Where(e => e.Id != keepsOutcome);
        Assert.Equal(expected.OrderBy(e => e.Id, StringComparer.Ordinal),
            history.Select(h => (h.RegistrationId, h.UserId, h.AppId, h.AzureAdDeviceId, h.ReasonSetFingerprint)).OrderBy(e => e.RegistrationId, StringComparer.Ordinal));
        Assert.All(history, h => Assert.Equal((EvaluationOutcome.Allow, EvaluationOutcome.Block, enrolled), (h.PreviousOutcome, h.Outcome, h.ChangedDateTime)));
        Assert.Equal(90, (await db.MamRegistrations.AsNoTracking().SingleAsync(r => r.Id == keepsOutcome)).EvaluationFingerprint);
    }

    [Fact]
    public async Task CheckInReportsAndReevaluation_AllWriteThroughTheWriter_OneConsistentHistory()
    {
        var users = new UserService(_database, _clock, NullLogger<UserService>.Instance);
        var groups = new GroupService(_database, _clock, NullLogger<GroupService>.Instance);
        var user = (await users.CreateUserAsync(new UserInput("megan@contoso.com", "Megan Bowen"), actor: TestActors.System)).Value!;
        var group = (await groups.CreateGroupAsync(new GroupInput("Finance", null), [user.Id], actor: TestActors.System)).Value!;
        var level3 = PolicyTemplates.Create(PolicyTemplateLevel.Level3High) with { DisplayName = "Edge level 3", IncludedGroupIds = [group.Id] };
        Assert.True((await new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance).CreateAsync(level3, TestActors.Named("admin"))).Succeeded);
        var connectors = new MtdConnectorService(_database, _clock, NullLogger<MtdConnectorService>.Instance);
        Assert.True((await connectors.CreateAsync(Connector, null, TestActors.Named("admin"))).Succeeded);
        var checkIns = new MamCheckInService(_database, connectors, _clock, NullLogger<MamCheckInService>.Instance);
        using var ingestion = new HealthReportIngestion(_database, _clock, new WalCheckpointer(_database, NullLogger<WalCheckpointer>.Instance), NullLogger<HealthReportIngestion>.Instance);
        await ingestion.StartAsync(CancellationToken.None);
        var now = _clock.GetUtcNow().UtcDateTime;

        var checkIn = await checkIns.CheckInAsync(new CheckInRequest("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1",
            PlatformVersion: "10.0.22631.4460", AppVersion: "131.0.2903.70", SdkVersion: "1.0.0"));
        var high = await ingestion.IngestAsync(Connector, [new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "high", now.AddMinutes(-2))]);
        var afterHigh = await StateAsync();
        var secured = await ingestion.IngestAsync(Connector, [new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "secured", now.AddMinutes(-1))]);
        var late = await ingestion.IngestAsync(Connector, [new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "high", now.AddMinutes(-3))]);
        _clock.Advance(TimeSpan.FromDays(2));
        var reevaluated = await new RegistrationReevaluator(_database, _clock).ReevaluateAllAsync();
        await ingestion.StopAsync(CancellationToken.None);

        // No report yet: Level 3 blocks until the partner reports; High keeps it blocked, now quoting the level.
        Assert.Equal(EvaluationOutcome.Block, checkIn.Value!.Outcome);
        Assert.Equal((DeviceThreatLevel.High, EvaluationOutcome.Block), (afterHigh.ThreatLevel, afterHigh.Outcome));
        Assert.Contains("actual High", await SummaryAsync(afterHigh.EvaluationFingerprint), StringComparison.Ordinal);
        Assert.All([high, secured, late], r => Assert.True(Assert.Single(r.Value!).Accepted));
        Assert.Equal(1, reevaluated);
        await using var db = _database.CreateDbContext();
        var registration = await db.MamRegistrations.SingleAsync();
        Assert.Equal((DeviceThreatLevel.Secured, now.AddMinutes(-1), EvaluationOutcome.Block),
            (registration.ThreatLevel, registration.ThreatReportedDateTime, registration.Outcome));
        var history = await db.RegistrationOutcomeChanges.OrderBy(c => c.Id).Select(c => new { c.PreviousOutcome, c.Outcome }).ToListAsync();
        Assert.Equal(
            [(null, EvaluationOutcome.Block), (EvaluationOutcome.Block, EvaluationOutcome.Allow), (EvaluationOutcome.Allow, EvaluationOutcome.Block)],
            history.Select(h => ((EvaluationOutcome?)h.PreviousOutcome, h.Outcome)));
        Assert.Equal(3, await db.HealthReports.CountAsync());
        Assert.Single(await ReasonSetStore.LoadReasonsAsync(db, registration.EvaluationFingerprint));
    }

    private async Task<MamRegistration> StateAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.MamRegistrations.AsNoTracking().SingleAsync();
    }

    private async Task<string> SummaryAsync(long fingerprint)
    {
        await using var db = _database.CreateDbContext();
        return (await db.EvaluationReasonSets.SingleAsync(s => s.Fingerprint == fingerprint)).Summary;
    }

    private async Task<T> InTransactionAsync<T>(Func<RegistrationStateWriter, T> write)
    {
        await using var db = _database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        T result;
        using (var writer = new RegistrationStateWriter(db, _clock.GetUtcNow().UtcDateTime))
        {
            result = write(writer);
            writer.Flush();
        }
        await transaction.CommitAsync();
        return result;
    }

    private async Task<(DeviceThreatLevel?, DateTime?)> HealthOfAsync(string registrationId)
    {
        await using var db = _database.CreateDbContext();
        var registration = await db.MamRegistrations.AsNoTracking().SingleAsync(r => r.Id == registrationId);
        return (registration.ThreatLevel, registration.ThreatReportedDateTime);
    }

    private static ExplainedEvaluation Evaluation(EvaluationOutcome outcome, long fingerprint) => new(outcome, [], "[]", "Test policy", fingerprint);

    // Users with one registration each, on devices of their own, saved in one go.
    private async Task<List<MamRegistration>> EnrollManyAsync(int count)
    {
        await using var db = _database.CreateDbContext();
        var now = _clock.GetUtcNow().UtcDateTime;
        var registrations = new List<MamRegistration>();
        for (var i = 0; i < count; i++)
        {
            var upn = $"user.{i}@contoso.com";
            var user = DirectoryUser.Create(upn, upn, accountEnabled: true, now);
            db.DirectoryUsers.Add(user);
            var registration = MamRegistration.Enroll(user.Id, upn, WindowsPolicyDraft.EdgeAppId, $"device-{i}", now);
            registration.SetEvaluation(EvaluationOutcome.Allow, "", 0, now);
            db.MamRegistrations.Add(registration);
            registrations.Add(registration);
        }
        await db.SaveChangesAsync();
        return registrations;
    }

    private async Task<string> EnrollAsync(string upn)
    {
        await using var db = _database.CreateDbContext();
        var now = _clock.GetUtcNow().UtcDateTime;
        var user = DirectoryUser.Create(upn, upn, accountEnabled: true, now);
        db.DirectoryUsers.Add(user);
        var registration = MamRegistration.Enroll(user.Id, upn, WindowsPolicyDraft.EdgeAppId, Guid.NewGuid().ToString(), now);
        registration.SetEvaluation(EvaluationOutcome.Allow, "", 0, now);
        db.MamRegistrations.Add(registration);
        await db.SaveChangesAsync();
        return registration.Id;
    }
}
