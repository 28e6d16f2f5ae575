using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.Api;
using AdminCenter.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AdminCenter.Tests.Durability;

/// <summary>Runs alone, after the parallel tests: it restarts a real app process 20-odd times and needs the cores to itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashSafetyRunsAlone
{
    public const string Name = "Crash safety";
}

[Collection(CrashSafetyRunsAlone.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int StreamKills = 22;
    private const int StartupKillEvery = 4;
    private const int Users = 12;
    // The seeded file already has its administrator; set so the app generates and prints nothing.
    private const string AdminPassword = "Crash-test-admin-password";
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task CheckInsAndHealthReports_AppSigkilledAtRandomPoints_FileIntactAndEveryAcknowledgedWritePresent()
    {
        // The kill schedule comes from this seed; CRASH_TEST_SEED replays it.
        var seed = Environment.GetEnvironmentVariable("CRASH_TEST_SEED") is { Length: > 0 } replay
            ? int.Parse(replay, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"CRASH_TEST_SEED={seed}");
        var random = new Random(seed);
        var directory = Path.Combine(Path.GetTempPath(), $"admincenter-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "admincenter.db");
        var clock = Stopwatch.StartNew();
        var tenant = await SeedAsync(database);
        output.WriteLine($"seeded {database} in {clock.Elapsed.TotalSeconds:0.0} s");
        var ledger = new CrashLedger(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-20));

        var kills = await StreamAndKillAsync(database, tenant, ledger, random);

        output.WriteLine($"{kills} kills in {clock.Elapsed.TotalSeconds:0} s; acknowledged {ledger.AcknowledgedCheckIns} check-ins " +
            $"on {ledger.Devices.Count(d => d.Acknowledged > 0)} devices and {ledger.Reports.Count} health reports; {ledger.CutRequests} requests cut by a kill");
        Assert.Empty(ledger.Unexpected.Take(20));
        Assert.True(kills >= 20, $"only {kills} kills");
        Assert.True(ledger.CutRequests > 0, "no kill landed while a request was in flight");
        Assert.True(ledger.AcknowledgedCheckIns > 0 && !ledger.Reports.IsEmpty, "the stream wrote nothing");

        var found = Verify(database, ledger);

        output.WriteLine($"integrity_check ok; found {found.Devices} registrations with their acknowledged fields and {found.Reports} health reports");
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>
    /// Starts the app on the file, streams writes at it and SIGKILLs it after a random delay, <see cref="StreamKills"/>
    /// times; every few rounds it is also killed while starting. Returns the number of kills.
    /// </summary>
    /// <summary>The app in Development on the given SQLite file, with the tenant's bootstrap token and admin.</summary>
    private static Dictionary<string, string> AppSettings(string databasePath, string apiToken) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__AdminCenter"] = $"Data Source={databasePath}",
        ["Bootstrap__ApiToken"] = apiToken,
        ["Bootstrap__AdminPassword"] = AdminPassword,
        // Logging every enrollment would cost the two shared cores more than the writes under test.
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private async Task<int> StreamAndKillAsync(string database, CrashTenant tenant, CrashLedger ledger, Random random)
    {
        var ownership = CrashWorkload.NewOwnership();
        var deviceNumber = 0;
        var kills = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        for (var cycle = 1; cycle <= StreamKills; cycle++)
        {
            if (cycle % StartupKillEvery == 0)
            {
                // Also crash while the app opens the file (WAL recovery, migrations check, start-up writes).
                var startupDelay = TimeSpan.FromMilliseconds(random.Next(0, 1500));
                await using var starting = AppProcess.Start("app", AppSettings(database, tenant.ApiToken));
                await Task.Delay(startupDelay);
                await starting.KillAsync();
                kills++;
                output.WriteLine($"cycle {cycle}: killed pid {starting.ProcessId} {startupDelay.TotalMilliseconds:0} ms into start-up");
            }
            await using var app = AppProcess.Start("app", AppSettings(database, tenant.ApiToken));
            await app.WaitUntilReadyAsync(http, ReadyDeadline);
            var workload = new CrashWorkload(http, app.BaseAddress, tenant, ledger, random.Next());
            var killDelay = TimeSpan.FromMilliseconds(random.Next(200, 2500));
            var before = (ledger.AcknowledgedCheckIns, ledger.Reports.Count, ledger.CutRequests);
            var stream = workload.RunAsync(() => Interlocked.Increment(ref deviceNumber), ownership);

            // The random point of the kill is what this test is about, not a wait for some state.
            await Task.Delay(killDelay);
            workload.MarkKilled();
            await app.KillAsync();
            await stream;
            kills++;
            output.WriteLine($"cycle {cycle}: killed pid {app.ProcessId} {killDelay.TotalMilliseconds:0} ms into the stream; acknowledged " +
                $"{ledger.AcknowledgedCheckIns - before.AcknowledgedCheckIns} check-ins, {ledger.Reports.Count - before.Count} reports; " +
                $"{ledger.CutRequests - before.CutRequests} requests cut");
        }
        return kills;
    }

    /// <summary>
    /// Users in a group under a "max device threat level Low, block" policy (so reports change outcomes), and the Windows
    /// Security Center connector with a partner secret, activated by a first check-in; built in-process, then copied to
    /// <paramref name="database"/> with VACUUM INTO.
    /// </summary>
    private static async Task<CrashTenant> SeedAsync(string database)
    {
        using var api = new ApiFactory();
        var now = TimeProvider.System.GetUtcNow();
        if (now > api.Clock.GetUtcNow())
        {
            api.Clock.SetUtcNow(now);
        }
        var upns = Enumerable.Range(0, Users).Select(i => $"crash.user{i}@contoso.com").ToList();
        var userIds = new List<string>();
        foreach (var upn in upns)
        {
            userIds.Add(await api.CreateUserAsync(upn));
        }
        var group = await api.CreateGroupAsync("Crash test users", [.. userIds]);
        await api.CreatePolicyAsync("Crash test threat level", group,
            new HealthCheckRow(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "low", HealthCheckAction.Block));
        var secret = await api.ConnectorWithSecretAsync(PartnerCatalog.WindowsSecurityCenterId);
        var activation = await api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn",
            new { userPrincipalName = upns[0], appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = "crash-seed-device" });
        Assert.Equal(HttpStatusCode.OK, activation.StatusCode);
        await api.QueryAsync(db => db.Database.ExecuteSqlAsync($"VACUUM INTO {database}"));
        return new CrashTenant(upns, ApiFactory.ApiToken, secret);
    }

    /// <summary>
    /// With the app stopped: the file passes integrity_check; every acknowledged check-in's registration is there with the
    /// fields of that check-in or a later one (never a mix); every acknowledged report is in the history; and each
    /// registration's health state is its newest stored report.
    /// </summary>
    private static (int Devices, int Reports) Verify(string database, CrashLedger ledger)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            using var reader = check.ExecuteReader();
            var problems = new List<string>();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
            Assert.True(problems is ["ok"], "integrity_check: " + string.Join("; ", problems));
        }

        using var db = new AdminCenterDbContext(new DbContextOptionsBuilder<AdminCenterDbContext>().UseSqlite(connection).Options);
        var registrations = db.MamRegistrations.AsNoTracking().Where(r => r.AppId == WindowsPolicyDraft.EdgeAppId).ToList()
            .ToDictionary(r => r.AzureAdDeviceId, StringComparer.Ordinal);
        var history = db.HealthReports.AsNoTracking().Where(r => r.ConnectorId == PartnerCatalog.WindowsSecurityCenterId).ToList();

        var devices = 0;
        foreach (var device in ledger.Devices.Where(d => d.Acknowledged > 0))
        {
            Assert.True(registrations.TryGetValue(device.AzureAdDeviceId, out var registration),
                $"acknowledged check-in v{device.Acknowledged} of {device.AzureAdDeviceId} has no registration");
            Assert.Equal(device.UserPrincipalName, registration.UserPrincipalName);
            var stored = device.Attempted;
            while (stored > 0 && device.Fields(stored).DeviceName != registration.DeviceName)
            {
                stored--;
            }
            Assert.True(stored >= device.Acknowledged,
                $"{device.AzureAdDeviceId}: acknowledged v{device.Acknowledged}, stored '{registration.DeviceName}'");
            Assert.Equal(device.Fields(stored), (registration.DeviceName!, registration.DeviceModel!, registration.PlatformVersion!));
            devices++;
        }

        var storedReports = history.Select(r => (r.AzureAdDeviceId, r.ReportedDateTime.Ticks, r.ThreatLevel)).ToHashSet();
        var missing = ledger.Reports
            .Where(r => !storedReports.Contains((r.AzureAdDeviceId, r.ReportedUtc.Ticks, Enum.Parse<DeviceThreatLevel>(r.ThreatLevel, ignoreCase: true))))
            .ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {ledger.Reports.Count} acknowledged health reports are not stored, e.g. " +
            string.Join(", ", missing.Take(5).Select(r => $"{r.AzureAdDeviceId} {r.ThreatLevel} at {r.ReportedUtc:O}")));

        var newestReports = history.GroupBy(r => r.AzureAdDeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReportedDateTime), StringComparer.Ordinal);
        foreach (var (deviceId, registration) in registrations)
        {
            var newest = newestReports.GetValueOrDefault(deviceId);
            Assert.Equal((newest?.ThreatLevel, newest?.ReportedDateTime.Ticks), (registration.ThreatLevel, registration.ThreatReportedDateTime?.Ticks));
        }
        return (devices, ledger.Reports.Count - missing.Count);
    }
}
