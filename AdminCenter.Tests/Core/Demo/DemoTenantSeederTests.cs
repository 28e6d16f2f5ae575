using AdminCenter.Core.Persistence;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Demo;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Demo;

public sealed class DemoTenantSeederTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] ThreatLevels = ["Secured", "Low", "Medium", "High", "none"];
    private static readonly string[] OsBuilds = ["10.0.19045.", "10.0.22621.", "10.0.22631.", "10.0.26100."];

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly List<(TestDatabase Database, HealthReportIngestion Ingestion)> _tenants = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (_, ingestion) in _tenants)
        {
            await ingestion.StopAsync(CancellationToken.None);
            ingestion.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var database in _tenants.Select(t => t.Database).Append(_database).Distinct())
        {
            database.Dispose();
        }
    }

    [Fact]
    public async Task SeedIfEmptyAsync_EmptyTenant_CreatesTheDemoTenantThroughTheServices()
    {
        var seeder = await SeederAsync(_database);

        var result = await seeder.SeedIfEmptyAsync();

        Assert.True(result.Seeded);
        await using var db = _database.CreateDbContext();
        Assert.Equal(DemoDirectory.Users.Count, await db.DirectoryUsers.CountAsync());
        Assert.Equal(3, await db.DirectoryUsers.CountAsync(u => !u.AccountEnabled));
        Assert.All(await db.DirectoryUsers.Select(u => u.UserPrincipalName).ToListAsync(), upn => Assert.EndsWith("@contoso.com", upn, StringComparison.Ordinal));
        Assert.Equal(DemoDirectory.Groups.Select(g => g.DisplayName).Order(), (await db.DirectoryGroups.Select(g => g.DisplayName).ToListAsync()).Order());
        Assert.Equal(
            [DemoTenantSeeder.Level1PolicyName, DemoTenantSeeder.Level2PolicyName, DemoTenantSeeder.Level3PolicyName],
            (await db.WindowsManagedAppProtections.Select(p => p.DisplayName).ToListAsync()).Order());
        var connector = await db.MobileThreatDefenseConnectors.SingleAsync();
        Assert.Equal(PartnerCatalog.WindowsSecurityCenterId, connector.Id);
        Assert.Equal(ConnectorPartnerState.Enabled, connector.PartnerState);
    }

    [Fact]
    public async Task SeedIfEmptyAsync_EmptyTenant_Enrolls200DevicesWithASpreadOfOutcomesAndThreatLevels()
    {
        var seeder = await SeederAsync(_database);

        var result = await seeder.SeedIfEmptyAsync();

        Assert.Equal(DemoTenantSeeder.RegistrationCount, result.Registrations);
        await using var db = _database.CreateDbContext();
        var registrations = await db.MamRegistrations.AsNoTracking().ToListAsync();
        Assert.Equal(DemoTenantSeeder.RegistrationCount, registrations.Count);
        var outcomes = registrations.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(outcomes.GetValueOrDefault(EvaluationOutcome.Allow) > 60, $"Allow: {outcomes.GetValueOrDefault(EvaluationOutcome.Allow)}");
        Assert.True(outcomes.GetValueOrDefault(EvaluationOutcome.Block) > 20, $"Block: {outcomes.GetValueOrDefault(EvaluationOutcome.Block)}");
        Assert.Equal(2, outcomes.GetValueOrDefault(EvaluationOutcome.Wipe));
        var levels = registrations.GroupBy(r => r.ThreatLevel).ToDictionary(g => g.Key?.ToString() ?? "none", g => g.Count());
        Assert.All(ThreatLevels, level => Assert.True(levels.GetValueOrDefault(level) > 0, $"no registration at {level}"));
        Assert.All(OsBuilds,
            build => Assert.Contains(registrations, r => r.PlatformVersion!.StartsWith(build, StringComparison.Ordinal)));
        Assert.True(registrations.Select(r => r.LastCheckInDateTime).Distinct().Count() > 150, "check-ins should be spread over time");
        Assert.Contains(registrations, r => r.PolicyNames.Length == 0);
        Assert.True(await db.RegistrationOutcomeChanges.CountAsync() > registrations.Count, "the outcome history holds the enrollments and later changes");
        Assert.Equal(result.HealthReportsAccepted, await db.HealthReports.CountAsync());
    }

    [Fact]
    public async Task SeedIfEmptyAsync_EmptyTenant_AddsWipeRequestsAndSignInsMatchingTheOutcomes()
    {
        var seeder = await SeederAsync(_database);

        await seeder.SeedIfEmptyAsync();

        await using var db = _database.CreateDbContext();
        var wipes = await db.WipeRequests.AsNoTracking().ToListAsync();
        var wipeOutcomes = await db.MamRegistrations.Where(r => r.Outcome == EvaluationOutcome.Wipe).Select(r => r.Id).ToListAsync();
        Assert.All(wipeOutcomes, id => Assert.Contains(wipes, w => w.RegistrationId == id && w.Status == WipeRequestStatus.Pending && w.Origin == WipeRequestOrigin.Automatic));
        Assert.Contains(wipes, w => w.Status == WipeRequestStatus.Pending && w.Origin == WipeRequestOrigin.Manual);
        Assert.Contains(wipes, w => w.Status == WipeRequestStatus.Successful);
        Assert.Contains(wipes, w => w.Status == WipeRequestStatus.Failed && !string.IsNullOrEmpty(w.Message));
        var signIns = await db.SignInLogs.AsNoTracking().ToListAsync();
        Assert.Equal(30, signIns.Count);
        Assert.Contains(signIns, s => s.Granted);
        Assert.Contains(signIns, s => !s.Granted && s.RemediationJson.Contains("Microsoft Edge", StringComparison.Ordinal));
        Assert.All(signIns, s => Assert.True(s.SignInDateTime <= _clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task SeedIfEmptyAsync_SecondRun_ChangesNothing()
    {
        var seeder = await SeederAsync(_database);
        await seeder.SeedIfEmptyAsync();
        var before = await CountsAsync(_database);

        var second = await seeder.SeedIfEmptyAsync();

        Assert.False(second.Seeded);
        Assert.Equal(before, await CountsAsync(_database));
    }

    [Fact]
    public async Task SeedIfEmptyAsync_TwoInstancesStartingTogetherOnAnEmptyDatabase_SeedTheTenantOnce()
    {
        var first = await SeederAsync(_database);
        var second = await SeederAsync(_database);

        var results = await Task.WhenAll(first.SeedIfEmptyAsync(), second.SeedIfEmptyAsync());

        Assert.Single(results, result => result.Seeded);
        await using var db = _database.CreateDbContext();
        Assert.Equal(DemoDirectory.Users.Count, await db.DirectoryUsers.CountAsync());
        Assert.Equal(DemoTenantSeeder.RegistrationCount, await db.MamRegistrations.CountAsync());
        Assert.Equal(3, await db.WindowsManagedAppProtections.CountAsync());
    }

    [Fact]
    public async Task SeedIfEmptyAsync_TenantWithAUser_LeavesItAlone()
    {
        var users = new UserService(_database, _clock, NullLogger<UserService>.Instance);
        Assert.True((await users.CreateUserAsync(new UserInput("first.admin@contoso.com", "First Admin"), actor: TestActors.System)).Succeeded);
        var seeder = await SeederAsync(_database);

        var result = await seeder.SeedIfEmptyAsync();

        Assert.False(result.Seeded);
        Assert.Equal((1, 0, 0, 0, 0, 0), await CountsAsync(_database));
    }

    [Fact]
    public async Task SeedIfEmptyAsync_TwoEmptyTenants_SameDevicesAndOutcomes()
    {
        var other = new TestDatabase();
        await (await SeederAsync(_database)).SeedIfEmptyAsync();

        await (await SeederAsync(other)).SeedIfEmptyAsync();

        Assert.Equal(await FingerprintAsync(_database), await FingerprintAsync(other));
    }

    [Fact]
    public async Task DemoSeedingAtStartup_HostNotStartedYet_DoesNotHoldUpStartAndSeedsOnceStarted()
    {
        using var lifetime = new TestLifetime();
        using var seeding = new DemoSeedingAtStartup(await SeederAsync(_database), lifetime);

        // The host awaits StartAsync before it listens: it must return with the seeding still to come.
        await seeding.StartAsync(CancellationToken.None);
        Assert.False(seeding.Completion.IsCompleted);
        Assert.Equal(0, (await CountsAsync(_database)).Users);

        lifetime.Started();
        await seeding.Completion;

        Assert.Equal(DemoDirectory.Users.Count, (await CountsAsync(_database)).Users);
        await seeding.StopAsync(CancellationToken.None);
    }

    private sealed class TestLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Started() => _started.Cancel();

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
        }
    }

    private async Task<DemoTenantSeeder> SeederAsync(TestDatabase database)
    {
        var ingestion = new HealthReportIngestion(database, _clock, new WalCheckpointer(database, NullLogger<WalCheckpointer>.Instance), NullLogger<HealthReportIngestion>.Instance);
        await ingestion.StartAsync(CancellationToken.None);
        _tenants.Add((database, ingestion));
        return new DemoTenantSeeder(
            database,
            new UserService(database, _clock, NullLogger<UserService>.Instance),
            new GroupService(database, _clock, NullLogger<GroupService>.Instance),
            new AppProtectionPolicyService(database, _clock, NullLogger<AppProtectionPolicyService>.Instance),
            new MtdConnectorService(database, _clock, NullLogger<MtdConnectorService>.Instance),
            ingestion,
            new RegistrationReevaluator(database, _clock),
            new JobLeases(database),
            _clock,
            NullLogger<DemoTenantSeeder>.Instance);
    }

    private static async Task<(int Users, int Groups, int Policies, int Registrations, int Reports, int SignIns)> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return (await db.DirectoryUsers.CountAsync(), await db.DirectoryGroups.CountAsync(), await db.WindowsManagedAppProtections.CountAsync(),
            await db.MamRegistrations.CountAsync(), await db.HealthReports.CountAsync(), await db.SignInLogs.CountAsync());
    }

    private static async Task<string> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.MamRegistrations.AsNoTracking()
            .Select(r => new { r.UserPrincipalName, r.AzureAdDeviceId, r.DeviceName, r.PlatformVersion, r.AppVersion, r.ThreatLevel, r.Outcome, r.LastCheckInDateTime })
            .ToListAsync();
        return string.Join("\n", rows.Select(r => r.ToString()).Order(StringComparer.Ordinal));
    }
}
