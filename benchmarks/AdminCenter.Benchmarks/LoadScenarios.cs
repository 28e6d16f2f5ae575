using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Benchmarks;

/// <summary>
/// End-to-end load figures for BENCHMARKS.md: the real app on Kestrel (loopback), a fresh SQLite file, 100,000
/// registrations. Run: <c>dotnet run -c Release --project benchmarks/AdminCenter.Benchmarks -- load</c>.
/// </summary>
public static class LoadScenarios
{
    private const int Registrations = 100_000;
    private const string ApiToken = "load-test-token";

    public static async Task<int> RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "admincenter-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var host = new LoadHost(Path.Combine(directory, "admincenter.db"));
            host.StartServer();
            var baseAddress = host.ClientOptions.BaseAddress;
            Console.WriteLine($"AdminCenter on {baseAddress}; seeding {Registrations:N0} registrations...");
            var seed = await SeedAsync(host.Services);
            Console.WriteLine($"Seeded in {seed.Elapsed.TotalSeconds:F1} s");

            var results = new List<string>
            {
                await MeasureReevaluationAsync(host.Services, seed, "every outcome flips"),
                await MeasureFilteredReevaluationAsync(host.Services, seed),
                await MeasureStatusPageAsync(host.Services),
                await CheckpointAsync(host.Services),
                await MeasureBatchReportsAsync(host.Services, baseAddress, seed, round: 0),
                await CheckpointAsync(host.Services),
                await MeasureBatchReportsAsync(host.Services, baseAddress, seed, round: 1),
                await CheckpointAsync(host.Services),
                await MeasureBatchReportsAsync(host.Services, baseAddress, seed, round: 2),
                $"(re-evaluation passes so far: {host.Services.GetRequiredService<ReevaluationRequests>().CompletedPasses})",
                await CheckpointAsync(host.Services),
                await MeasureSingleReportsAsync(baseAddress, seed),
                $"(re-evaluation passes so far: {host.Services.GetRequiredService<ReevaluationRequests>().CompletedPasses})",
            };
            Console.WriteLine();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}");
            foreach (var line in results)
            {
                Console.WriteLine(line);
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The same re-evaluation with the included group's assignment behind an Include filter that every registration
    /// matches (spec 07): outcomes still all flip, so the difference to the unfiltered figure is the filter's own cost.
    /// </summary>
    private static async Task<string> MeasureFilteredReevaluationAsync(IServiceProvider services, SeedResult seed)
    {
        var filter = (await services.GetRequiredService<AssignmentFilterService>().CreateAsync(TestActors.Named("load"),
            new AssignmentFilterDraft { DisplayName = "Microsoft hardware", Rule = "(app.deviceManufacturer -eq \"Microsoft\") and (app.operatingSystemVersion -ge 10.0.19041.0)" })).Value!;
        var policies = services.GetRequiredService<AppProtectionPolicyService>();
        await AssignAndWaitAsync(services, () => policies.ReplaceAssignmentsAsync(seed.PolicyId, [seed.GroupId], [],
            [new IncludedGroupFilter(seed.GroupId, filter.Id, AssignmentFilterMode.Include)], null, TestActors.Named("load")));
        var line = await MeasureReevaluationAsync(services, seed, "every outcome flips, the included group behind an Include filter every device matches");
        await AssignAndWaitAsync(services, () => policies.ReplaceAssignmentsAsync(seed.PolicyId, [seed.GroupId], [], null, TestActors.Named("load")));
        return line;
    }

    private static async Task AssignAndWaitAsync(IServiceProvider services, Func<Task<AdminCenter.Core.Common.ServiceResult<PolicyDetails>>> assign)
    {
        var requests = services.GetRequiredService<ReevaluationRequests>();
        var passesBefore = requests.CompletedPasses;
        if (!(await assign()).Succeeded)
        {
            throw new InvalidOperationException("The benchmark's assignment change was refused.");
        }
        // The change triggers a pass; let it finish so the measured runs start from a quiet writer.
        var stopwatch = Stopwatch.StartNew();
        while (requests.CompletedPasses == passesBefore && stopwatch.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(2);
        }
    }

    private static async Task<string> MeasureReevaluationAsync(IServiceProvider services, SeedResult seed, string what)
    {
        var policies = services.GetRequiredService<AppProtectionPolicyService>();
        var timings = new List<double>();
        var changedCounts = new List<int>();
        for (var run = 0; run < 5; run++)
        {
            // Flip the policy's minimum OS so every registration's outcome changes: the worst case, every row written.
            var details = (await policies.GetAsync(seed.PolicyId))!;
            var minOs = run % 2 == 0 ? "10.0.30000" : "10.0.19000";
            var rows = details.Draft.HealthChecks.Where(r => r.Setting != HealthCheckSetting.MinOsVersion)
                .Append(new HealthCheckRow(HealthCheckSetting.MinOsVersion, minOs, HealthCheckAction.Block)).ToList();
            // End to end: the save triggers the background re-evaluation; done when that pass has finished.
            var expected = run % 2 == 0 ? "Block" : "Allow";
            var requests = services.GetRequiredService<ReevaluationRequests>();
            var passesBefore = requests.CompletedPasses;
            var stopwatch = Stopwatch.StartNew();
            await policies.UpdateAsync(seed.PolicyId, details.Draft with { HealthChecks = rows }, null, TestActors.Named("load"));
            // The request is made at commit, so the next pass to finish reads the new policy; waiting on an
            // in-memory counter keeps the measurement from competing with polling queries.
            while (requests.CompletedPasses == passesBefore && stopwatch.Elapsed < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(2);
            }
            if (await CountAsync(services, expected) < Registrations)
            {
                while (requests.CompletedPasses < passesBefore + 2 && stopwatch.Elapsed < TimeSpan.FromMinutes(1))
                {
                    await Task.Delay(2);
                }
            }
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            changedCounts.Add(await CountAsync(services, expected));
        }
        return Line($"Re-evaluate 100,000 registrations after a policy change, end to end ({what})", timings, "ms",
            $"registrations with the expected outcome after each run: {string.Join(", ", changedCounts)}");
    }

    /// <summary>
    /// Folds the write-ahead log back into the database between scenarios, so one scenario's backlog (re-evaluation
    /// rewrites every row) is not paid by the next one's first commit.
    /// </summary>
    private static async Task<string> CheckpointAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        var stopwatch = Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        return string.Create(CultureInfo.InvariantCulture, $"(WAL checkpoint before the next scenario: {stopwatch.Elapsed.TotalMilliseconds:F0} ms)");
    }

    private static async Task<int> CountAsync(IServiceProvider services, string outcome)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        var expected = Enum.Parse<AdminCenter.Core.Evaluation.EvaluationOutcome>(outcome);
        return await db.MamRegistrations.CountAsync(r => r.Outcome == expected);
    }

    private static async Task<string> MeasureStatusPageAsync(IServiceProvider services)
    {
        var queries = services.GetRequiredService<AppProtectionStatusQueries>();
        var lines = new List<string>();
        foreach (var (name, filter) in new[]
        {
            ("no filter", new AppProtectionStatusFilter()),
            ("outcome Blocked", new AppProtectionStatusFilter { Outcomes = [AdminCenter.Core.Evaluation.EvaluationOutcome.Block] }),
            ("search \"user.5\"", new AppProtectionStatusFilter { Search = "user.5" }),
            ("threat level High", new AppProtectionStatusFilter { ThreatLevels = [ReportedThreatLevel.High] }),
        })
        {
            var timings = new List<double>();
            for (var run = 0; run < 20; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                var page = await queries.QueryAsync(filter, skip: run * 50, take: 50);
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (page.Items.Count == 0 && name == "no filter")
                {
                    throw new InvalidOperationException("The status query returned no rows.");
                }
            }
            lines.Add(Line($"App protection status, one page of 50 rows at 100,000 registrations ({name}, pages 1-20)", timings, "ms", ""));
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// 100,000 reports, one per registration. Round 0 is every device's first report (every user read from the
    /// database); later rounds are the steady state, partners reporting the same devices again with newer times.
    /// </summary>
    private static async Task<string> MeasureBatchReportsAsync(IServiceProvider services, Uri baseAddress, SeedResult seed, int round)
    {
        const int batches = 100;
        const int clients = 4;
        using var http = PartnerClient(baseAddress, seed.PartnerSecret);
        var now = DateTime.UtcNow.AddSeconds(-60 + round);
        // The request bodies are made before the clock starts: the load generator shares the server's two cores, and
        // what is measured is the server storing reports, not the generator serializing them.
        var bodies = Enumerable.Range(0, batches)
            .Select(batch => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { value = Enumerable.Range(0, 1000).Select(i => Report(seed, (batch * 1000) + i, now)).ToArray() }))
            .ToArray();
        var storedBefore = await CountReportsAsync(services);
        var next = -1;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                using var content = new ByteArrayContent(bodies[batch]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync($"partner/v1/connectors/{seed.ConnectorId}/healthReports", content);
                response.EnsureSuccessStatusCode();
            }
        }));
        var elapsed = stopwatch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        var stored = await CountReportsAsync(services) - storedBefore;
        if (stored != batches * 1000)
        {
            throw new InvalidOperationException($"{stored:N0} of {batches * 1000:N0} reports were stored.");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"Health reports in batches of 1000 over HTTP (loopback, {clients} clients, {(round == 0 ? "first report of every device" : $"repeat round {round}")}): {batches * 1000 / elapsed.TotalSeconds:N0} reports/s ({batches * 1000:N0} reports in {elapsed.TotalSeconds:F2} s; CPU of server and load generator {cpu.TotalSeconds:F2} s of {2 * elapsed.TotalSeconds:F2} s on 2 cores, {collections} garbage collections)");
    }

    private static async Task<int> CountReportsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        return await db.HealthReports.CountAsync();
    }

    private static async Task<string> MeasureSingleReportsAsync(Uri baseAddress, SeedResult seed)
    {
        const int requests = 20_000;
        const int clients = 16;
        using var http = PartnerClient(baseAddress, seed.PartnerSecret);
        var now = DateTime.UtcNow.AddSeconds(1);
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                using var response = await http.PostAsJsonAsync($"partner/v1/connectors/{seed.ConnectorId}/healthReports", Report(seed, index, now));
                response.EnsureSuccessStatusCode();
            }
        }));
        var elapsed = stopwatch.Elapsed;
        return string.Create(CultureInfo.InvariantCulture,
            $"Single health-report POSTs over HTTP (loopback, {clients} concurrent clients): {requests / elapsed.TotalSeconds:N0} requests/s ({requests:N0} in {elapsed.TotalSeconds:F2} s)");
    }

    private static object Report(SeedResult seed, int index, DateTime now)
    {
        var i = index % Registrations;
        return new
        {
            userPrincipalName = $"user.{i}@contoso.com",
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = $"device-{i}",
            threatLevel = (i % 4) switch { 0 => "secured", 1 => "low", 2 => "medium", _ => "high" },
            reportedDateTime = now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
    }

    private static HttpClient PartnerClient(Uri baseAddress, string secret)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static string Line(string what, List<double> samples, string unit, string note)
    {
        samples.Sort();
        var median = samples[samples.Count / 2];
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {median:F1} {unit}, min {samples[0]:F1}, max {samples[^1]:F1} ({samples.Count} runs){(note.Length > 0 ? "; " + note : "")}");
    }

    /// <summary>Fast seeding with raw inserts: users, one group, a policy, a working Windows Security Center connector, registrations.</summary>
    private static async Task<SeedResult> SeedAsync(IServiceProvider services)
    {
        var stopwatch = Stopwatch.StartNew();
        var groups = services.GetRequiredService<GroupService>();
        var group = (await groups.CreateGroupAsync(new GroupInput("All staff", null), memberIds: null, actor: TestActors.System)).Value!;
        var policy = PolicyTemplates.Blank() with
        {
            DisplayName = "Edge minimum OS",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.19000", HealthCheckAction.Block)],
            IncludedGroupIds = [group.Id],
        };
        var policyId = (await services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(policy, TestActors.Named("load"))).Value!.Id;
        var connectors = services.GetRequiredService<MtdConnectorService>();
        await connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.Named("load"));
        await connectors.RecordAppProtectionActivityAsync("load test");
        var secret = (await connectors.RegeneratePartnerSecretAsync(PartnerCatalog.WindowsSecurityCenterId, TestActors.Named("load"))).Value!;

        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = connection.BeginTransaction();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        await using var user = connection.CreateCommand();
        user.CommandText = "INSERT INTO Users (Id, UserPrincipalName, NormalizedUserPrincipalName, DisplayName, AccountEnabled, CreatedDateTime, LastModifiedDateTime) VALUES ($id, $upn, $norm, $name, 1, $now, $now)";
        var userId = user.Parameters.Add("$id", SqliteType.Text);
        var upn = user.Parameters.Add("$upn", SqliteType.Text);
        var norm = user.Parameters.Add("$norm", SqliteType.Text);
        var name = user.Parameters.Add("$name", SqliteType.Text);
        user.Parameters.AddWithValue("$now", now);
        await using var member = connection.CreateCommand();
        member.CommandText = "INSERT INTO GroupMembers (GroupId, UserId, AddedDateTime) VALUES ($group, $user, $now)";
        member.Parameters.AddWithValue("$group", group.Id);
        var memberUser = member.Parameters.Add("$user", SqliteType.Text);
        member.Parameters.AddWithValue("$now", now);
        await using var registration = connection.CreateCommand();
        registration.CommandText = """
            INSERT INTO MamRegistrations (Id, UserId, UserPrincipalName, AppId, AzureAdDeviceId, DeviceName, DeviceModel, DeviceManufacturer,
                PlatformVersion, AppVersion, SdkVersion, EnrolledDateTime, LastCheckInDateTime, Outcome, OutcomeChangedDateTime, PolicyNames, EvaluationFingerprint)
            VALUES ($id, $user, $upn, 'com.microsoft.edge', $device, $deviceName, 'Surface Laptop 5', 'Microsoft',
                $os, '131.0.2903.70', '1.0.0', $now, $checkIn, 0, $now, '', 0)
            """;
        var registrationId = registration.Parameters.Add("$id", SqliteType.Text);
        var registrationUser = registration.Parameters.Add("$user", SqliteType.Text);
        var registrationUpn = registration.Parameters.Add("$upn", SqliteType.Text);
        var device = registration.Parameters.Add("$device", SqliteType.Text);
        var deviceName = registration.Parameters.Add("$deviceName", SqliteType.Text);
        var os = registration.Parameters.Add("$os", SqliteType.Text);
        var checkIn = registration.Parameters.Add("$checkIn", SqliteType.Text);
        var start = DateTime.UtcNow;
        registration.Parameters.AddWithValue("$now", now);
        foreach (var command in new[] { user, member, registration })
        {
            command.Transaction = transaction;
        }
        for (var i = 0; i < Registrations; i++)
        {
            var id = Guid.NewGuid().ToString();
            userId.Value = id;
            upn.Value = $"user.{i}@contoso.com";
            norm.Value = $"USER.{i}@CONTOSO.COM";
            name.Value = $"User {i}";
            await user.ExecuteNonQueryAsync();
            memberUser.Value = id;
            await member.ExecuteNonQueryAsync();
            registrationId.Value = Guid.NewGuid().ToString();
            registrationUser.Value = id;
            registrationUpn.Value = $"user.{i}@contoso.com";
            device.Value = $"device-{i}";
            deviceName.Value = $"LAPTOP-{i:D6}";
            os.Value = (i % 3) switch { 0 => "10.0.22631.4460", 1 => "10.0.22621.2506", _ => "10.0.26100.2314" };
            // Last check-ins spread over the past 12 hours (inside the default 720-minute offline grace period).
            checkIn.Value = start.AddSeconds(-((i * 7919L) % 43_000)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await registration.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return new SeedResult(policyId, group.Id, PartnerCatalog.WindowsSecurityCenterId, secret, stopwatch.Elapsed);
    }

    private sealed record SeedResult(string PolicyId, string GroupId, string ConnectorId, string PartnerSecret, TimeSpan Elapsed);

    private sealed class LoadHost(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:AdminCenter", $"Data Source={databasePath}");
            builder.UseSetting("Bootstrap:AdminPassword", "Load-test-admin-password");
            builder.UseSetting("Bootstrap:ApiToken", ApiToken);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            UseKestrel(0);
        }
    }
}
