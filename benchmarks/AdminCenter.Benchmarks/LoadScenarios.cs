using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Benchmarks;

/// <summary>
/// End-to-end load figures for BENCHMARKS.md: the real app on Kestrel (loopback), a fresh database, 100,000
/// registrations, each ingestion and re-evaluation figure next to a raw-storage baseline measured in the same run.
/// Run: <c>dotnet run -c Release --project benchmarks/AdminCenter.Benchmarks -- load [--provider PostgreSQL --connection "..."] [--registrations N]</c>.
/// On PostgreSQL it also measures batch ingestion spread over two app instances on the one database.
/// </summary>
public sealed partial class LoadScenarios
{
    private const string ApiToken = "load-test-token";
    private const int BaselineRuns = 3;
    // The JIT settles after 5-7 warm-up rounds at 100,000 registrations; at 6 the last of them was often cut short, and the
    // measured rounds shared the cores with tier-1 compilation (session 35: 900-1,000 methods still compiled in round 6).
    private const int MaxWarmUpRounds = 12;
    private const long SettledCompiledMethods = 250;

    private readonly LoadOptions _options;
    private readonly LoadDatabase _database;
    private readonly List<string> _summary = [];
    private TimeSpan _reevaluationBaseline;
    private TimeSpan _ingestionBaseline;
    // Ingestion and re-evaluation figures, for their ratios once both baselines are measured.
    private readonly List<Figure> _figures = [];

    private LoadScenarios(LoadOptions options, LoadDatabase database)
    {
        _options = options;
        _database = database;
    }

    private int Registrations => _options.Registrations;

    public static async Task<int> RunAsync(LoadOptions options)
    {
        await using var database = await LoadDatabase.CreateAsync(options);
        var scenarios = new LoadScenarios(options, database);
        return options.Soak ? await scenarios.RunSoakAsync() : await scenarios.RunAsync();
    }

    private async Task<int> RunAsync()
    {
        using var host = new LoadHost(_database);
        host.StartServer();
        var baseAddress = host.ClientOptions.BaseAddress;
        Console.WriteLine($"AdminCenter on {baseAddress}, {_database.Description}; seeding {Registrations:N0} registrations...");
        var seed = await SeedAsync(host.Services);
        Console.WriteLine($"Seeded in {seed.Elapsed.TotalSeconds:F1} s");
        var services = host.Services;
        if (_options.StatusOnly)
        {
            // The seed asks for a pass over every registration: measured beside it, the searches read 60-400 ms at
            // 100,000 on PostgreSQL instead of their quiet figures.
            Console.WriteLine(await GuardAsync("pending re-evaluation", () => WaitForPendingPassAsync(services)));
            Console.WriteLine(await HousekeepAsync(services));
            Console.WriteLine(await GuardAsync("status pages", () => MeasureStatusPageAsync(services)));
            Console.WriteLine();
            Console.WriteLine($"Summary, {_database.Description}, {Environment.ProcessorCount} logical cores, seeded in {seed.Elapsed.TotalSeconds:F1} s:");
            _summary.ForEach(Console.WriteLine);
            return 0;
        }
        var baseline = new RawStorageBaseline(services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>(), seed.ConnectorId);
        if (_options.ReevaluationOnly)
        {
            return await RunReevaluationOnlyAsync(services, baseline, seed);
        }
        if (_options.BatchesOnly)
        {
            return await RunBatchesOnlyAsync(services, baseline, seed, baseAddress);
        }

        var results = new List<string>
        {
            await DurabilityAsync(services),
            await GuardAsync("pending re-evaluation", () => WaitForPendingPassAsync(services)),
            await HousekeepAsync(services),
            await GuardAsync("re-evaluation baseline", () => MeasureReevaluationBaselineAsync(services, baseline)),
            await GuardAsync("re-evaluation", () => MeasureReevaluationAsync(services, seed, "every outcome flips")),
            await GuardAsync("filtered re-evaluation", () => MeasureFilteredReevaluationAsync(services, seed)),
            await GuardAsync("reason-set cleanup", () => MeasureReasonSetCleanupAsync(services)),
            // The re-evaluations rewrote every row: the report is measured on vacuumed tables with fresh statistics.
            await HousekeepAsync(services),
            await GuardAsync("status pages", () => MeasureStatusPageAsync(services)),
            await HousekeepAsync(services),
            await GuardAsync("batches, round 0", () => MeasureBatchReportsAsync(services, [baseAddress], seed, round: 0)),
        };
        var round = await WarmUpBatchesAsync(services, baseAddress, seed, results);
        // After round 0, so the baseline rewrites real health states and round 0 stays every device's first report; after
        // the warm-up, so that both are measured with the JIT settled.
        results.Add(await HousekeepAsync(services));
        results.Add(await GuardAsync("ingestion baseline", () => MeasureIngestionBaselineAsync(services, baseline)));
        for (var last = round + 1; round <= last; round++)
        {
            results.Add(await HousekeepAsync(services));
            var thisRound = round;
            results.Add(await GuardAsync($"batches, round {round}", () => MeasureBatchReportsAsync(services, [baseAddress], seed, thisRound)));
        }
        results.Add($"(re-evaluation passes so far: {services.GetRequiredService<ReevaluationRequests>().CompletedPasses})");
        if (_database.Provider == LoadProvider.PostgreSql)
        {
            results.Add(await HousekeepAsync(services));
            results.Add(await GuardAsync("two instances", () => MeasureTwoInstancesAsync(services, baseAddress, seed, round)));
        }
        results.Add(await HousekeepAsync(services));
        results.Add(await GuardAsync("single POSTs", () => MeasureSingleReportsAsync(baseAddress, seed)));
        results.Add($"(re-evaluation passes so far: {services.GetRequiredService<ReevaluationRequests>().CompletedPasses})");

        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}; {_database.Description}");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
        PrintSummary();
        return 0;
    }

    private void PrintSummary()
    {
        Console.WriteLine();
        Console.WriteLine($"Summary, {_database.Description} (ratio = the scenario's time per row over its raw-storage baseline's, same run):");
        foreach (var line in _summary)
        {
            Console.WriteLine(line);
        }
        foreach (var figure in _figures)
        {
            var ofKind = figure.Reevaluation ? _reevaluationBaseline : _ingestionBaseline;
            var ratio = ofKind == TimeSpan.Zero ? "no baseline (it failed)"
                : string.Create(CultureInfo.InvariantCulture, $"{figure.Elapsed.TotalMilliseconds / figure.Rows / (ofKind.TotalMilliseconds / Registrations):F2}x");
            Console.WriteLine($"  {figure.What}: {figure.Measured}; {ratio} the {(figure.Reevaluation ? "re-evaluation" : "ingestion")} baseline");
        }
    }

    /// <summary>
    /// <c>--scenarios reevaluation</c>: the raw-storage baseline for re-evaluation, then re-evaluation after a policy
    /// change with the process's working-set growth during each pass (tenant scale: 1,000,000 registrations).
    /// </summary>
    private async Task<int> RunReevaluationOnlyAsync(IServiceProvider services, RawStorageBaseline baseline, SeedResult seed)
    {
        var results = new List<string>
        {
            await DurabilityAsync(services),
            await GuardAsync("pending re-evaluation", () => WaitForPendingPassAsync(services)),
            await HousekeepAsync(services),
            await GuardAsync("re-evaluation baseline", () => MeasureReevaluationBaselineAsync(services, baseline)),
            await GuardAsync("re-evaluation", () => MeasureReevaluationAsync(services, seed, "every outcome flips")),
            await GuardAsync("reason-set cleanup", () => MeasureReasonSetCleanupAsync(services)),
            $"(re-evaluation passes so far: {services.GetRequiredService<ReevaluationRequests>().CompletedPasses})",
        };
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}; {_database.Description}");
        results.ForEach(Console.WriteLine);
        PrintSummary();
        return 0;
    }

    /// <summary>
    /// <c>--scenarios batches</c>: health-report batches alone, round 0 (every device's first report), the warm-up rounds,
    /// the ingestion baseline, then three steady-state rounds.
    /// </summary>
    private async Task<int> RunBatchesOnlyAsync(IServiceProvider services, RawStorageBaseline baseline, SeedResult seed, Uri baseAddress)
    {
        var results = new List<string>
        {
            await DurabilityAsync(services),
            await GuardAsync("pending re-evaluation", () => WaitForPendingPassAsync(services)),
            await HousekeepAsync(services),
            await GuardAsync("batches, round 0", () => MeasureBatchReportsAsync(services, [baseAddress], seed, round: 0)),
        };
        var first = await WarmUpBatchesAsync(services, baseAddress, seed, results);
        results.Add(await HousekeepAsync(services));
        results.Add(await GuardAsync("ingestion baseline", () => MeasureIngestionBaselineAsync(services, baseline)));
        for (var round = first; round < first + 3; round++)
        {
            results.Add(await HousekeepAsync(services));
            var thisRound = round;
            results.Add(await GuardAsync($"batches, round {round}", () => MeasureBatchReportsAsync(services, [baseAddress], seed, thisRound)));
        }
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}; {_database.Description}");
        results.ForEach(Console.WriteLine);
        PrintSummary();
        return 0;
    }

    /// <summary>Runs one scenario; a failure is reported in its line and the other scenarios still run.</summary>
    private static async Task<string> GuardAsync(string scenario, Func<Task<string>> measure)
    {
        string line;
        try
        {
            line = await measure();
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidCastException or System.Data.Common.DbException or HttpRequestException or NotSupportedException)
        {
            line = $"{scenario}: FAILED ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})";
        }
        // Also printed as it comes, so a long run shows its progress (the full list is printed again at the end).
        Console.WriteLine("[" + DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "] " + line);
        return line;
    }

    private async Task<string> DurabilityAsync(IServiceProvider services)
    {
        var (db, connection) = await RawConnections.OpenAsync(services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>());
        await using (db)
        {
            return "(" + await _database.DurabilitySettingsAsync(connection) + ")";
        }
    }

    /// <summary>
    /// The daily delete of the reason sets that the passes before replaced, once, over every registration and history
    /// row (its PostgreSQL form once read all the registrations again for each such set: 17 s for 150 sets at 1,000,000).
    /// </summary>
    private async Task<string> MeasureReasonSetCleanupAsync(IServiceProvider services)
    {
        var stopwatch = Stopwatch.StartNew();
        var deleted = await services.GetRequiredService<ReasonSetCleanup>().DeleteUnreferencedAsync();
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        _summary.Add(string.Create(CultureInfo.InvariantCulture, $"  Reason-set cleanup: {elapsed:F0} ms, {deleted:N0} unreferenced sets deleted"));
        return string.Create(CultureInfo.InvariantCulture,
            $"Reason-set cleanup at {Registrations:N0} registrations: {elapsed:F0} ms, {deleted:N0} unreferenced sets deleted (the command times out at 30 s)");
    }

    private async Task<string> MeasureReevaluationBaselineAsync(IServiceProvider services, RawStorageBaseline baseline)
    {
        var timings = new List<double>();
        for (var run = 0; run < BaselineRuns; run++)
        {
            timings.Add((await baseline.WriteReevaluationAsync()).TotalMilliseconds);
            await HousekeepAsync(services);
        }
        var line = Line($"Raw-storage baseline for re-evaluation: {Registrations:N0} outcome/policies/fingerprint updates + {Registrations:N0} outcome-change history rows, prepared statements, one transaction",
            timings, "ms", "");
        _reevaluationBaseline = TimeSpan.FromMilliseconds(Median(timings));
        _summary.Add(string.Create(CultureInfo.InvariantCulture, $"  Raw-storage baseline, re-evaluation rows: median {_reevaluationBaseline.TotalMilliseconds:F0} ms ({Registrations / _reevaluationBaseline.TotalSeconds:N0} registrations/s)"));
        return line;
    }

    private async Task<string> MeasureIngestionBaselineAsync(IServiceProvider services, RawStorageBaseline baseline)
    {
        var timings = new List<double>();
        for (var run = 0; run < BaselineRuns; run++)
        {
            timings.Add((await baseline.WriteHealthReportsAsync()).TotalMilliseconds);
            await HousekeepAsync(services);
        }
        var line = Line($"Raw-storage baseline for ingestion: {Registrations:N0} health-report history rows + {Registrations:N0} health-state updates, prepared statements, one transaction",
            timings, "ms", "");
        _ingestionBaseline = TimeSpan.FromMilliseconds(Median(timings));
        _summary.Add(string.Create(CultureInfo.InvariantCulture, $"  Raw-storage baseline, health-report rows: median {_ingestionBaseline.TotalMilliseconds:F0} ms ({Registrations / _ingestionBaseline.TotalSeconds:N0} reports/s)"));
        return line;
    }

    /// <summary>
    /// The same re-evaluation with the included group's assignment behind an Include filter that every registration
    /// matches (spec 07): outcomes still all flip, so the difference to the unfiltered figure is the filter's own cost.
    /// </summary>
    private async Task<string> MeasureFilteredReevaluationAsync(IServiceProvider services, SeedResult seed)
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

    private async Task<string> MeasureReevaluationAsync(IServiceProvider services, SeedResult seed, string what)
    {
        var policies = services.GetRequiredService<AppProtectionPolicyService>();
        var timings = new List<double>();
        var changedCounts = new List<int>();
        var growthsMb = new List<double>();
        // A pass over a million registrations takes minutes on this machine: fewer runs, and a wait that scales.
        var runs = Registrations > 200_000 ? 2 : 5;
        var limit = TimeSpan.FromMinutes(Math.Max(1, Registrations / 50_000));
        for (var run = 0; run < runs; run++)
        {
            // Flip the policy's minimum OS so every registration's outcome changes: the worst case, every row written.
            var details = (await policies.GetAsync(seed.PolicyId))!;
            var minOs = run % 2 == 0 ? "10.0.30000" : "10.0.19000";
            var rows = details.Draft.HealthChecks.Where(r => r.Setting != HealthCheckSetting.MinOsVersion)
                .Append(new HealthCheckRow(HealthCheckSetting.MinOsVersion, minOs, HealthCheckAction.Block)).ToList();
            // End to end: the save triggers the background re-evaluation; done when that pass has finished.
            var expected = run % 2 == 0 ? EvaluationOutcome.Block : EvaluationOutcome.Allow;
            var requests = services.GetRequiredService<ReevaluationRequests>();
            var passesBefore = requests.CompletedPasses;
            // Pooled SQLite connections keep their page cache: start the pass on a fresh one, so its cache's growth counts.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using var probe = WorkingSetProbe.Start();
            var pausedBefore = GC.GetTotalPauseDuration();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            await policies.UpdateAsync(seed.PolicyId, details.Draft with { HealthChecks = rows }, null, TestActors.Named("load"));
            // The request is made at commit, so the next pass to finish reads the new policy; waiting on an
            // in-memory counter keeps the measurement from competing with polling queries.
            while (requests.CompletedPasses == passesBefore && stopwatch.Elapsed < limit)
            {
                await Task.Delay(2);
            }
            if (await CountAsync(services, expected) < Registrations)
            {
                while (requests.CompletedPasses < passesBefore + 2 && stopwatch.Elapsed < limit)
                {
                    await Task.Delay(2);
                }
            }
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            growthsMb.Add((await probe.StopAsync() - probe.BeforeKb) / 1024.0);
            // SQLite's allocations only where SQLite is the database (the PostgreSQL server's memory is another process's).
            var sqlite = _database.Provider == LoadProvider.Sqlite
                ? string.Create(CultureInfo.InvariantCulture, $" and SQLite {(WorkingSetProbe.SqlitePeakKb - probe.SqliteBeforeKb) / 1024.0:F0} MB")
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: {stopwatch.Elapsed.TotalMilliseconds:F0} ms; resident set {probe.BeforeKb / 1024.0:F0} MB before, grew {growthsMb[^1]:F0} MB; of it, managed heap committed {(probe.ManagedPeakKb - probe.ManagedBeforeKb) / 1024.0:F0} MB{sqlite} at their peaks; garbage collections paused {paused.TotalMilliseconds:F0} ms, {allocated / Registrations:N0} bytes allocated a registration"));
            changedCounts.Add(await CountAsync(services, expected));
        }
        var median = Median(timings);
        _figures.Add(new Figure($"Re-evaluate {Registrations:N0} ({what})", TimeSpan.FromMilliseconds(median), Registrations,
            string.Create(CultureInfo.InvariantCulture, $"median {median:F0} ms"), Reevaluation: true));
        _summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"  Re-evaluate {Registrations:N0} ({what}): working set grew {growthsMb.Order().ElementAt(growthsMb.Count / 2):F0} MB median, {growthsMb.Max():F0} MB max during a pass (peak VmRSS over the resident set before it)"));
        return Line($"Re-evaluate {Registrations:N0} registrations after a policy change, end to end ({what})", timings, "ms",
            $"registrations with the expected outcome after each run: {string.Join(", ", changedCounts)}");
    }

    /// <summary>The provider's housekeeping between scenarios (<see cref="LoadDatabase.HousekeepAsync"/>), timed.</summary>
    /// <summary>
    /// Waits for the pass that seeding and the policy's creation asked for. At 1,000,000 registrations on PostgreSQL it ran
    /// beside the baseline's one-transaction rewrite of every row, waited on its row locks past the command timeout and
    /// started again, and each slowed the other: the baseline is measured with the writer quiet.
    /// </summary>
    private static async Task<string> WaitForPendingPassAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>();
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                if (!(await ReevaluationRequestRow.ReadAsync(db)).IsPending)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"(no re-evaluation pending after {stopwatch.Elapsed.TotalSeconds:F1} s)");
                }
            }
            if (stopwatch.Elapsed > TimeSpan.FromHours(1))
            {
                throw new InvalidOperationException("A re-evaluation pass was still pending after an hour.");
            }
            await Task.Delay(200);
        }
    }

    private async Task<string> HousekeepAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        var stopwatch = Stopwatch.StartNew();
        var deadRows = await _database.HousekeepAsync(db);
        var what = _database.Provider == LoadProvider.Sqlite ? "WAL checkpoint"
            : string.Create(CultureInfo.InvariantCulture, $"VACUUM (ANALYZE) and CHECKPOINT, {deadRows:N0} dead registration rows left,");
        return string.Create(CultureInfo.InvariantCulture, $"({what} before the next scenario: {stopwatch.Elapsed.TotalMilliseconds:F0} ms)");
    }

    private static async Task<int> CountAsync(IServiceProvider services, EvaluationOutcome expected)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        return await db.MamRegistrations.CountAsync(r => r.Outcome == expected);
    }

    private async Task<string> MeasureStatusPageAsync(IServiceProvider services)
    {
        var queries = services.GetRequiredService<AppProtectionStatusQueries>();
        var lines = new List<string>();
        // A selective search names one user or device, as an admin looking for someone does; "user.5" matches a ninth of
        // the tenant (user.5, user.50-59, ...), the broad case; one character is below the trigram index and scans. Two
        // characters are looked up by their pair when few rows hold it ("qz" none, "57" about a twentieth) and scanned when
        // many do ("us": every user principal name), where a scan finds a page within a few rows.
        // "user.5" sorted by user cannot walk an index: every match is read and sorted.
        var one = Registrations / 2 + 7;
        foreach (var (name, filter) in new[]
        {
            ("no filter", new AppProtectionStatusFilter()),
            ("outcome Blocked", new AppProtectionStatusFilter { Outcomes = [EvaluationOutcome.Block] }),
            ("threat level High", new AppProtectionStatusFilter { ThreatLevels = [ReportedThreatLevel.High] }),
            ("policy \"Edge minimum OS\"", new AppProtectionStatusFilter { Policy = "Edge minimum OS" }),
            ($"search \"user.{one}@\"", new AppProtectionStatusFilter { Search = $"user.{one}@" }),
            ($"search \"laptop-{one:D6}\"", new AppProtectionStatusFilter { Search = $"laptop-{one:D6}" }),
            ("search \"user.5\"", new AppProtectionStatusFilter { Search = "user.5" }),
            ("search \"7\"", new AppProtectionStatusFilter { Search = "7" }),
            ("search \"qz\" (two letters, no match)", new AppProtectionStatusFilter { Search = "qz" }),
            ("search \"57\" (two letters, a twentieth)", new AppProtectionStatusFilter { Search = "57" }),
            ("search \"us\" (two letters, every row)", new AppProtectionStatusFilter { Search = "us" }),
            ("search \"user.5\" sorted by user", new AppProtectionStatusFilter { Search = "user.5", Sort = AppProtectionStatusSort.User, Descending = false }),
            ("sorted by user", new AppProtectionStatusFilter { Sort = AppProtectionStatusSort.User, Descending = false }),
        })
        {
            var timings = new List<double>();
            var total = "";
            // One unmeasured query first, as an admin's second look at a page would find the caches warm.
            await queries.QueryAsync(filter, skip: 0, take: 50);
            for (var run = 0; run < 20; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                var page = await queries.QueryAsync(filter, skip: 0, take: 50);
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
                total = string.Create(CultureInfo.InvariantCulture, $"{(page.TotalIsLowerBound ? "more than " : "")}{page.TotalCount:N0}");
                if (page.Items.Count == 0 && name == "no filter")
                {
                    throw new InvalidOperationException("The status query returned no rows.");
                }
            }
            var p95 = timings.Order().ElementAt((int)Math.Ceiling(0.95 * timings.Count) - 1);
            var goal = Registrations >= 1_000_000 ? 100 : 50;
            lines.Add(Line($"App protection status, first page of 50 rows and the total at {Registrations:N0} registrations ({name})", timings, "ms",
                string.Create(CultureInfo.InvariantCulture, $"p95 {p95:F1} ms (goal < {goal} ms), {total} match")));
            _summary.Add(string.Create(CultureInfo.InvariantCulture, $"  Status report ({name}): p95 {p95:F1} ms of 20, goal < {goal} ms; {total} match"));
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// One report per registration in batches of 1000, spread over <paramref name="baseAddresses"/> (one app instance
    /// each). Round 0 is every device's first report (every user read from the database); later rounds are the steady
    /// state, partners reporting the same devices again with newer times.
    /// </summary>
    private async Task<string> MeasureBatchReportsAsync(IServiceProvider services, IReadOnlyList<Uri> baseAddresses, SeedResult seed, int round, bool warmUp = false)
    {
        const int batchSize = 1000;
        var clients = 4 * baseAddresses.Count;
        var batches = (Registrations + batchSize - 1) / batchSize;
        var clientsByInstance = baseAddresses.Select(address => PartnerClient(address, seed.PartnerSecret)).ToArray();
        try
        {
            var now = DateTime.UtcNow.AddSeconds(-60 + round);
            // The request bodies are made before the clock starts: the load generator shares the server's two cores, and
            // what is measured is the server storing reports, not the generator serializing them.
            var bodies = Enumerable.Range(0, batches)
                .Select(batch => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
                {
                    value = Enumerable.Range(batch * batchSize, Math.Min(batchSize, Registrations - (batch * batchSize))).Select(i => Report(i, now)).ToArray(),
                }))
                .ToArray();
            var storedBefore = await CountReportsAsync(services);
            var next = -1;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
            var pausedBefore = GC.GetTotalPauseDuration();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
            {
                // Clients take turns over the instances, as a balancer without affinity would spread them.
                var http = clientsByInstance[client % clientsByInstance.Length];
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
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var stored = await CountReportsAsync(services) - storedBefore;
            if (stored != Registrations)
            {
                throw new InvalidOperationException($"{stored:N0} of {Registrations:N0} reports were stored.");
            }
            var instances = baseAddresses.Count == 1 ? "one instance" : $"{baseAddresses.Count} instances";
            var what = string.Create(CultureInfo.InvariantCulture,
                $"Health reports in batches of {batchSize} over HTTP ({instances}, {clients} clients, {(round == 0 ? "first report of every device" : $"{(warmUp ? "warm-up" : "repeat")} round {round}")})");
            if (!warmUp)
            {
                _figures.Add(new Figure(what, elapsed, Registrations,
                    string.Create(CultureInfo.InvariantCulture, $"{Registrations / elapsed.TotalSeconds:N0} reports/s"), Reevaluation: false));
            }
            return string.Create(CultureInfo.InvariantCulture,
                $"{what}: {Registrations / elapsed.TotalSeconds:N0} reports/s ({Registrations:N0} reports in {elapsed.TotalSeconds:F2} s; CPU of server(s) and load generator {cpu.TotalSeconds:F2} s of {2 * elapsed.TotalSeconds:F2} s on 2 cores, {collections} garbage collections pausing {paused.TotalMilliseconds:N0} ms, {allocated / Registrations:N0} bytes allocated a report)");
        }
        finally
        {
            foreach (var http in clientsByInstance)
            {
                http.Dispose();
            }
        }
    }

    /// <summary>
    /// Steady-state rounds are measured once the JIT has settled. Tiered compilation recompiles the code each transaction
    /// runs (the evaluation context's load, EF Core's shapers, the writer's statements) at full optimisation during the
    /// first rounds after round 0: at 100,000 registrations 1,100-1,600 methods in each of the first two rounds, on the
    /// core the HTTP requests also need, and those rounds ran at 51,000-59,000 reports/s against 66,000-74,000 once it had
    /// settled (BENCHMARKS.md, "Health-report batches on SQLite"). Repeats rounds until one compiles fewer than
    /// <see cref="SettledCompiledMethods"/> methods, at most <see cref="MaxWarmUpRounds"/>; they are printed, not compared
    /// with the baseline. Returns the next round's number.
    /// </summary>
    private async Task<int> WarmUpBatchesAsync(IServiceProvider services, Uri baseAddress, SeedResult seed, List<string> results)
    {
        var round = 1;
        while (round <= MaxWarmUpRounds)
        {
            results.Add(await HousekeepAsync(services));
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var thisRound = round;
            results.Add(await GuardAsync($"batches, warm-up round {round}", () => MeasureBatchReportsAsync(services, [baseAddress], seed, thisRound, warmUp: true)));
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
            results.Add($"(methods compiled during warm-up round {round}: {compiled:N0})");
            round++;
            if (compiled < SettledCompiledMethods)
            {
                break;
            }
        }
        return round;
    }

    /// <summary>
    /// A second app instance on the same PostgreSQL database (spec 08), in this process on its own Kestrel port, and
    /// two steady-state rounds of batches spread over both. Both instances share the 2 cores with the load generator, so
    /// this measures what the second writer costs or gains on one machine, not the scale-out of two machines.
    /// </summary>
    private async Task<string> MeasureTwoInstancesAsync(IServiceProvider services, Uri first, SeedResult seed, int firstRound)
    {
        using var second = new LoadHost(_database);
        var stopwatch = Stopwatch.StartNew();
        second.StartServer();
        var started = $"(second instance on {second.ClientOptions.BaseAddress} started in {stopwatch.Elapsed.TotalSeconds:F1} s)";
        var lines = new List<string> { started };
        for (var round = firstRound; round <= firstRound + 1; round++)
        {
            lines.Add(await MeasureBatchReportsAsync(services, [first, second.ClientOptions.BaseAddress], seed, round));
            lines.Add(await HousekeepAsync(services));
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<int> CountReportsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        return await db.HealthReports.CountAsync();
    }

    private async Task<string> MeasureSingleReportsAsync(Uri baseAddress, SeedResult seed)
    {
        const int clients = 16;
        var requests = Math.Min(20_000, Registrations);
        using var http = PartnerClient(baseAddress, seed.PartnerSecret);
        var now = DateTime.UtcNow.AddSeconds(1);
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                using var response = await http.PostAsJsonAsync($"partner/v1/connectors/{seed.ConnectorId}/healthReports", Report(index, now));
                response.EnsureSuccessStatusCode();
            }
        }));
        var elapsed = stopwatch.Elapsed;
        var what = $"Single health-report POSTs over HTTP ({clients} concurrent clients)";
        _figures.Add(new Figure(what, elapsed, requests,
            string.Create(CultureInfo.InvariantCulture, $"{requests / elapsed.TotalSeconds:N0} requests/s"), Reevaluation: false));
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: {requests / elapsed.TotalSeconds:N0} requests/s ({requests:N0} in {elapsed.TotalSeconds:F2} s)");
    }

    private object Report(int index, DateTime now)
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

    private static double Median(List<double> samples) => samples.Order().ElementAt(samples.Count / 2);

    private static string Line(string what, List<double> samples, string unit, string note)
    {
        samples.Sort();
        var median = samples[samples.Count / 2];
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {median:F1} {unit}, min {samples[0]:F1}, max {samples[^1]:F1} ({samples.Count} runs){(note.Length > 0 ? "; " + note : "")}");
    }

    /// <summary>
    /// Fast seeding: one group, a policy and a working Windows Security Center connector through the services, then the
    /// users, memberships and registrations with raw inserts (generic ADO.NET, so both providers seed the same way).
    /// </summary>
    private async Task<SeedResult> SeedAsync(IServiceProvider services)
    {
        var stopwatch = Stopwatch.StartNew();
        // The process's CPU time beside the wall clock: on a shared machine the latter mostly says how busy the others were.
        void Step(string what) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ({what} at {stopwatch.Elapsed.TotalSeconds:F1} s, process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s)"));
        // Through EF rather than GroupService: the directory's search helpers are not what is measured here.
        var group = DirectoryGroup.Create("All staff", null, DateTime.UtcNow);
        await using (var groupDb = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync())
        {
            groupDb.Add(group);
            await groupDb.SaveChangesAsync();
        }
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

        var (db, connection) = await RawConnections.OpenAsync(services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>());
        await using (db)
        {
            var stored = new StoredValues(db);
            var outcomes = Enum.GetValues<EvaluationOutcome>().Select(o => stored.Of<MamRegistration>(nameof(MamRegistration.Outcome), o)).ToArray();
            var levels = Enum.GetValues<DeviceThreatLevel>().Select(l => stored.Of<MamRegistration>(nameof(MamRegistration.ThreatLevel), l)).ToArray();
            await _database.UseSeedSettingsAsync(connection);
            await using var transaction = await connection.BeginTransactionAsync();
            await _database.BeginBulkSeedAsync(connection, transaction, "Users", "GroupMembers", "MamRegistrations");
            Step("bulk seed begins");
            var now = DateTime.UtcNow;
            // Bulk inserts: binary COPY on PostgreSQL, multi-row INSERTs through one reused prepared command on SQLite.
            // Ids in key order (ordinal, as SQLite's BINARY collation compares them), so each row appends to its key index.
            var userIds = SortedIds(Registrations);
            var registrationIds = SortedIds(Registrations);
            Step("ids generated");
            using (var users = new BulkRows(connection, transaction, "Users",
                "Id", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName", "AccountEnabled", "CreatedDateTime", "LastModifiedDateTime"))
            {
                for (var i = 0; i < Registrations; i++)
                {
                    users.Write(userIds[i], $"user.{i}@contoso.com", $"USER.{i}@CONTOSO.COM", $"User {i}", true, now, now);
                }
                users.Complete();
                Step("users written");
            }
            using (var members = new BulkRows(connection, transaction, "GroupMembers", "GroupId", "UserId", "AddedDateTime"))
            {
                for (var i = 0; i < Registrations; i++)
                {
                    members.Write(group.Id, userIds[i], now);
                }
                members.Complete();
                Step("members written");
            }
            using (var registrations = new BulkRows(connection, transaction, "MamRegistrations",
                "Id", "UserId", "UserPrincipalName", "AppId", "AzureAdDeviceId", "DeviceName", "DeviceModel", "DeviceManufacturer",
                "PlatformVersion", "AppVersion", "SdkVersion", "EnrolledDateTime", "LastCheckInDateTime", "Outcome", "OutcomeChangedDateTime", "PolicyNames", "EvaluationFingerprint",
                "ThreatLevel", "ThreatReportedDateTime"))
            {
                for (var i = 0; i < Registrations; i++)
                {
                    var os = (i % 3) switch { 0 => "10.0.22631.4460", 1 => "10.0.22621.2506", _ => "10.0.26100.2314" };
                    // Last check-ins spread over the past 12 hours (inside the default 720-minute offline grace period).
                    var checkIn = now.AddSeconds(-((i * 7919L) % 43_000));
                    // The status-only run's tenant looks lived in: a tenth blocked, a fiftieth wiped, threat levels reported on
                    // four devices in five. The full run starts from every registration allowed and never reported.
                    var outcome = !_options.StatusOnly ? EvaluationOutcome.Allow
                        : i % 50 == 7 ? EvaluationOutcome.Wipe : i % 10 == 3 ? EvaluationOutcome.Block : i % 20 == 1 ? EvaluationOutcome.Warn : EvaluationOutcome.Allow;
                    var level = _options.StatusOnly && i % 5 != 0 ? (int?)(i % 5) : null;
                    registrations.Write(registrationIds[i], userIds[i], $"user.{i}@contoso.com", WindowsPolicyDraft.EdgeAppId, $"device-{i}",
                        $"LAPTOP-{i:D6}", "Surface Laptop 5", "Microsoft", os, "131.0.2903.70", "1.0.0", now, checkIn, outcomes[(int)outcome], now,
                        _options.StatusOnly ? "Edge minimum OS" : "", 0L, level is { } l ? levels[l] : null, level is null ? null : now.AddHours(-1));
                }
                registrations.Complete();
                Step("registrations written");
            }
            await _database.EndBulkSeedAsync(connection, transaction, Step);
            Step("indexes and search tables built");
            await transaction.CommitAsync();
            Step("committed");
            await _database.RestoreConnectionAsync(connection);
        }
        return new SeedResult(policyId, group.Id, PartnerCatalog.WindowsSecurityCenterId, secret, stopwatch.Elapsed);
    }

    /// <summary>
    /// <paramref name="count"/> random version-4 GUIDs in the "D" text the app stores, in ordinal order. Sorted as 128-bit
    /// numbers before they are written out: their text is the number's hex digits in order (lower case, hyphens at fixed
    /// places), so it sorts as the numbers do, and a million numbers sort far faster than a million strings.
    /// </summary>
    private static string[] SortedIds(int count)
    {
        // The version nibble (4) and the variant's two high bits (10), where Guid.NewGuid puts them in the text.
        var fixedBits = ((UInt128)0x4 << 76) | ((UInt128)0x2 << 62);
        var fixedMask = ((UInt128)0xF << 76) | ((UInt128)0x3 << 62);
        var numbers = new UInt128[count];
        Span<byte> random = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            Random.Shared.NextBytes(random);
            numbers[i] = (System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(random) & ~fixedMask) | fixedBits;
        }
        Array.Sort(numbers);
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = string.Create(36, numbers[i], static (text, number) =>
            {
                var digit = 31;
                for (var position = 35; position >= 0; position--)
                {
                    if (position is 8 or 13 or 18 or 23)
                    {
                        text[position] = '-';
                        continue;
                    }
                    text[position] = "0123456789abcdef"[(int)((uint)(number >> (4 * (31 - digit))) & 0xF)];
                    digit--;
                }
            });
        }
        return ids;
    }

    private sealed record SeedResult(string PolicyId, string GroupId, string ConnectorId, string PartnerSecret, TimeSpan Elapsed);

    /// <summary>A measured ingestion or re-evaluation figure, for its ratio to the baseline of its kind.</summary>
    private sealed record Figure(string What, TimeSpan Elapsed, int Rows, string Measured, bool Reevaluation);

    /// <summary>The real app on Kestrel (a free loopback port) on the run's database; several may share one PostgreSQL database.</summary>
    private sealed class LoadHost(LoadDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", database.ProviderSetting);
            builder.UseSetting("ConnectionStrings:AdminCenter", database.ConnectionString);
            builder.UseSetting("Bootstrap:AdminPassword", "Load-test-admin-password");
            builder.UseSetting("Bootstrap:ApiToken", ApiToken);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            UseKestrel(0);
        }
    }
}
