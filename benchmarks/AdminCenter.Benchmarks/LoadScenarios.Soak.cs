using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AdminCenter.Core.AppProtection;

namespace AdminCenter.Benchmarks;

/// <summary>
/// Flat under load (issue 17, part 4): the app as its own Release process (<see cref="AppProcess"/>) on the seeded tenant,
/// a steady paced mix of MAM check-ins and health-report batches for <c>--minutes</c>, and the process's memory sampled
/// every 10 s: resident set (VmRSS) throughout, and the live managed heap after a full collection (dotnet-gcdump) at
/// minute 1 and at the end, with the types that grew in between. Target: the end within 10% of minute 1. Before the clock
/// starts every device is reported once, as a tenant that has run a while has been: the writer's cache of reported users
/// (bounded by the tenant's users) is then full, and what grows later is not that cache warming up.
/// Run: <c>dotnet run -c Release --project benchmarks/AdminCenter.Benchmarks -- load --scenarios soak [--minutes 5] [--provider PostgreSQL]</c>.
/// </summary>
public sealed partial class LoadScenarios
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);
    private const int CheckInClients = 4;
    private const int BatchClients = 2;
    private const int BatchSize = 100;
    // Paced rather than flat out: a steady load a real tenant might send, well below what the 2 shared cores can serve,
    // so the figures show what memory does over time rather than how a saturated machine queues.
    private static readonly TimeSpan CheckInInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(250);

    private async Task<int> RunSoakAsync()
    {
        SeedResult seed;
        // Seeded in this process (the same tenant as the other scenarios), then the app starts on its own on that database.
        using (var seeder = new LoadHost(_database))
        {
            seeder.StartServer();
            Console.WriteLine($"Seeding {Registrations:N0} registrations on {_database.Description}...");
            seed = await SeedAsync(seeder.Services);
            await HousekeepAsync(seeder.Services);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();

        await using var app = AppProcess.Start("soak", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = _database.ProviderSetting,
            ["ConnectionStrings__AdminCenter"] = _database.ConnectionString,
            ["Bootstrap__AdminPassword"] = "Load-test-admin-password",
            ["Bootstrap__ApiToken"] = ApiToken,
            ["Logging__LogLevel__Default"] = "Warning",
            // The sweeps run several times within the soak, so what they keep or release shows in the figures.
            ["Jobs__UnresponsiveConnectorMonitor__CheckInterval"] = "00:00:30",
            ["Jobs__AuditRetention__SweepInterval"] = "00:00:30",
            ["Jobs__WipeRequestRetention__SweepInterval"] = "00:00:30",
            ["Jobs__ReasonSetCleanup__SweepInterval"] = "00:00:30",
            ["Jobs__StatusCountsFold__SweepInterval"] = "00:00:30",
            ["Jobs__ReevaluationWorker__CheckInterval"] = "00:00:30",
        });
        using var mam = new HttpClient { BaseAddress = app.BaseAddress };
        mam.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        using var partner = PartnerClient(app.BaseAddress, seed.PartnerSecret);
        await app.WaitUntilReadyAsync(mam, TimeSpan.FromMinutes(2));
        Console.WriteLine($"AdminCenter process {app.ProcessId} on {app.BaseAddress}; {CheckInClients} check-in clients (one every {CheckInInterval.TotalMilliseconds:F0} ms each), "
            + $"{BatchClients} batch clients (a batch of {BatchSize} every {BatchInterval.TotalMilliseconds:F0} ms each), {_options.Minutes} minutes");

        Console.WriteLine(await WarmUpAsync(partner, seed.ConnectorId));
        var load = new SoakLoad();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, CheckInClients).Select(c => CheckInLoopAsync(mam, c, load, stop.Token))
            .Concat(Enumerable.Range(0, BatchClients).Select(c => BatchLoopAsync(partner, seed.ConnectorId, c, load, stop.Token)))
            .ToList();
        var samples = new List<SoakSample>();
        var dumps = new Dictionary<string, GcDump?>();
        // The resident set right after each dump's full blocking collection: the GC's cycles swing a plain sample by
        // tens of MiB, so this is the like-for-like point.
        var collected = new Dictionary<string, ProcessMemory>();
        var work = Directory.CreateTempSubdirectory("admincenter-soak");
        var started = Stopwatch.StartNew();
        try
        {
            var last = new SoakSample(TimeSpan.Zero, ProcessMemory.Of(app.ProcessId), 0, 0, 0, LoadAverage());
            Console.WriteLine(last.Describe(null));
            var count = _options.Minutes * (int)(TimeSpan.FromMinutes(1) / SampleEvery);
            for (var k = 1; k <= count; k++)
            {
                var due = k * SampleEvery - started.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                if (app.HasExited)
                {
                    throw new InvalidOperationException($"The app exited during the soak:{Environment.NewLine}{app.RecentOutput}");
                }
                var sample = new SoakSample(started.Elapsed, ProcessMemory.Of(app.ProcessId), load.CheckIns, load.Reports, load.Failures, LoadAverage());
                samples.Add(sample);
                Console.WriteLine(sample.Describe(last));
                last = sample;
                // Minute 1 and the end, under the same load: the live heap after the full collection gcdump runs.
                if (k == (int)(TimeSpan.FromMinutes(1) / SampleEvery) || k == count)
                {
                    var name = k == count ? "end" : "minute-1";
                    dumps[name] = await GcDump.CollectAsync(app.ProcessId, Path.Combine(work.FullName, name + ".gcdump"));
                    collected[name] = ProcessMemory.Of(app.ProcessId);
                    Console.WriteLine(dumps[name] is { } dump
                        ? string.Create(CultureInfo.InvariantCulture, $"  gcdump {name}: live managed heap {dump.TotalBytes / 1048576.0:F1} MiB ({dump.Objects:N0} objects); RSS after its full collection {collected[name].RssBytes / 1048576.0:F1} MiB")
                        : $"  gcdump {name}: not available");
                    // The dump paused the app for a while: skip the slots it took rather than sample them all at once.
                    k = Math.Max(k, Math.Min(count - 1, (int)(started.Elapsed / SampleEvery)));
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        PrintSoakSummary(samples, dumps, collected, load);
        Console.WriteLine($"The dumps are kept in {work.FullName} (dotnet tool run dotnet-gcdump report <file>).");
        return 0;
    }

    private void PrintSoakSummary(List<SoakSample> samples, Dictionary<string, GcDump?> dumps, Dictionary<string, ProcessMemory> collected, SoakLoad load)
    {
        var perMinute = (int)(TimeSpan.FromMinutes(1) / SampleEvery);
        // The sample taken at minute 1 (the dump after it may have skipped the slots that followed).
        var first = samples[perMinute - 1];
        var end = samples[^1];
        var steady = end.Elapsed - first.Elapsed;
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}; {_database.Description}; {Registrations:N0} registrations");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Load over the whole run: {load.CheckIns:N0} check-ins ({load.CheckIns / end.Elapsed.TotalSeconds:N0}/s), {load.Reports:N0} reports in batches of {BatchSize} ({load.Reports / end.Elapsed.TotalSeconds:N0}/s), {load.Failures} failed requests"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"From minute 1 to the end: {(end.CheckIns - first.CheckIns) / steady.TotalSeconds:N0} check-ins/s, {(end.Reports - first.Reports) / steady.TotalSeconds:N0} reports/s; load average (1 min) {samples.Min(s => s.LoadAverage):F2}-{samples.Max(s => s.LoadAverage):F2}, mean {samples.Average(s => s.LoadAverage):F2}"));
        if (load.FirstFailure is { } failure)
        {
            Console.WriteLine($"First failure: {failure}");
        }
        var rssRatio = (double)end.Memory.RssBytes / first.Memory.RssBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Resident set (VmRSS): minute 1 {first.Memory.RssBytes / 1048576.0:F1} MiB, end {end.Memory.RssBytes / 1048576.0:F1} MiB, ratio {rssRatio:F3} ({Verdict(rssRatio)}); anonymous {first.Memory.AnonymousBytes / 1048576.0:F1} -> {end.Memory.AnonymousBytes / 1048576.0:F1} MiB; peak {samples.Max(s => s.Memory.RssBytes) / 1048576.0:F1} MiB; threads {first.Memory.Threads} -> {end.Memory.Threads}"));
        if (collected.GetValueOrDefault("minute-1") is { } settledBefore && collected.GetValueOrDefault("end") is { } settledAfter)
        {
            var settledRatio = (double)settledAfter.RssBytes / settledBefore.RssBytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Resident set right after a full collection: minute 1 {settledBefore.RssBytes / 1048576.0:F1} MiB, end {settledAfter.RssBytes / 1048576.0:F1} MiB, ratio {settledRatio:F3} ({Verdict(settledRatio)})"));
        }
        // Means over the first minute's samples and the last minute's (the first minute's mean includes the ramp-up).
        var firstMean = samples.Where(s => s.Elapsed <= first.Elapsed).Average(s => (double)s.Memory.RssBytes);
        var lastMean = samples.Where(s => s.Elapsed > end.Elapsed - TimeSpan.FromMinutes(1)).Average(s => (double)s.Memory.RssBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Resident set, mean of the first minute's samples {firstMean / 1048576.0:F1} MiB, of the last minute's {lastMean / 1048576.0:F1} MiB, ratio {lastMean / firstMean:F3} ({Verdict(lastMean / firstMean)})"));
        if (dumps.GetValueOrDefault("minute-1") is { } before && dumps.GetValueOrDefault("end") is { } after)
        {
            var heapRatio = (double)after.TotalBytes / before.TotalBytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Live managed heap after a full collection: minute 1 {before.TotalBytes / 1048576.0:F1} MiB, end {after.TotalBytes / 1048576.0:F1} MiB, ratio {heapRatio:F3} ({Verdict(heapRatio)})"));
            Console.WriteLine("Types that grew most between the two dumps (bytes, objects):");
            foreach (var (type, bytes, objects) in after.GrowthOver(before).Take(15))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,12:N0} {objects,9:N0}  {type}"));
            }
        }
    }

    /// <summary>One report per registration, in batches of 1000 from 4 clients.</summary>
    private async Task<string> WarmUpAsync(HttpClient partner, string connectorId)
    {
        const int batchSize = 1000;
        var batches = (Registrations + batchSize - 1) / batchSize;
        var next = -1;
        var now = DateTime.UtcNow.AddMinutes(-1);
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var body = new { value = Enumerable.Range(batch * batchSize, Math.Min(batchSize, Registrations - (batch * batchSize))).Select(i => Report(i, now)).ToArray() };
                using var response = await partner.PostAsJsonAsync($"partner/v1/connectors/{connectorId}/healthReports", body);
                response.EnsureSuccessStatusCode();
            }
        }));
        return string.Create(CultureInfo.InvariantCulture, $"Warm-up: every one of the {Registrations:N0} devices reported once, in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private static string Verdict(double ratio) => ratio <= 1.10 ? "within 10%" : "NOT within 10%";

    /// <summary>Each client checks in the seeded devices in turn; one check-in in ten reports an old OS, so outcomes flip now and then.</summary>
    private async Task CheckInLoopAsync(HttpClient mam, int client, SoakLoad load, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(CheckInInterval);
        var device = client;
        var round = 0;
        while (await WaitAsync(timer, stop))
        {
            var i = device % Registrations;
            var os = (i + round) % 10 == 0 ? "10.0.18363.1" : (i % 3) switch { 0 => "10.0.22631.4460", 1 => "10.0.22621.2506", _ => "10.0.26100.2314" };
            await load.SendAsync(async () =>
            {
                using var response = await mam.PostAsJsonAsync("mam/v1/checkIn", new
                {
                    userPrincipalName = $"user.{i}@contoso.com",
                    appId = WindowsPolicyDraft.EdgeAppId,
                    azureAdDeviceId = $"device-{i}",
                    deviceName = $"LAPTOP-{i:D6}",
                    deviceModel = "Surface Laptop 5",
                    deviceManufacturer = "Microsoft",
                    platformVersion = os,
                    appVersion = "131.0.2903.70",
                    sdkVersion = "1.0.0",
                }, CancellationToken.None);
                return response;
            }, checkIns: 1, reports: 0);
            device += CheckInClients;
            if (device >= Registrations)
            {
                device = client;
                round++;
            }
        }
    }

    /// <summary>Each client sends batches of reports on random seeded devices, with the current time.</summary>
    private async Task BatchLoopAsync(HttpClient partner, string connectorId, int client, SoakLoad load, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(BatchInterval);
        var random = new Random(client);
        while (await WaitAsync(timer, stop))
        {
            var now = DateTime.UtcNow;
            var body = new { value = Enumerable.Range(0, BatchSize).Select(_ => Report(random.Next(Registrations), now)).ToArray() };
            await load.SendAsync(async () =>
                await partner.PostAsJsonAsync($"partner/v1/connectors/{connectorId}/healthReports", body, CancellationToken.None), checkIns: 0, reports: BatchSize);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>What the clients achieved: counts of answered requests, failures and the first failure's description.</summary>
    private sealed class SoakLoad
    {
        private long _checkIns;
        private long _reports;
        private long _failures;

        public long CheckIns => Interlocked.Read(ref _checkIns);

        public long Reports => Interlocked.Read(ref _reports);

        public long Failures => Interlocked.Read(ref _failures);

        public string? FirstFailure { get; private set; }

        public async Task SendAsync(Func<Task<HttpResponseMessage>> send, int checkIns, int reports)
        {
            try
            {
                using var response = await send();
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref _checkIns, checkIns);
                    Interlocked.Add(ref _reports, reports);
                    return;
                }
                Failed($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException e)
            {
                Failed($"{e.GetType().Name}: {e.Message}");
            }
        }

        private void Failed(string what)
        {
            if (Interlocked.Increment(ref _failures) == 1)
            {
                FirstFailure = what;
            }
        }
    }

    private sealed record SoakSample(TimeSpan Elapsed, ProcessMemory Memory, long CheckIns, long Reports, long Failures, double LoadAverage)
    {
        public string Describe(SoakSample? previous)
        {
            var seconds = previous is null ? 0 : (Elapsed - previous.Elapsed).TotalSeconds;
            var rates = previous is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $", {(CheckIns - previous.CheckIns) / seconds:N0} check-ins/s, {(Reports - previous.Reports) / seconds:N0} reports/s, {Failures} failed");
            return string.Create(CultureInfo.InvariantCulture,
                $"[{DateTime.UtcNow:HH:mm:ss}] t={Elapsed.TotalSeconds,4:F0} s: RSS {Memory.RssBytes / 1048576.0,6:F1} MiB (anonymous {Memory.AnonymousBytes / 1048576.0,6:F1}), {Memory.Threads} threads, {Memory.DatabaseFiles} SQLite files open, load {LoadAverage:F2}{rates}");
        }
    }

    /// <summary>
    /// A process's resident set (and its anonymous part: heaps, not mapped files), thread count, and open SQLite database
    /// files (one per pooled connection), from <c>/proc/&lt;pid&gt;</c>.
    /// </summary>
    private sealed record ProcessMemory(long RssBytes, long AnonymousBytes, int Threads, int DatabaseFiles)
    {
        public static ProcessMemory Of(int pid)
        {
            var status = File.ReadLines($"/proc/{pid}/status").ToList();
            // "VmRSS:\t  123456 kB", "Threads:\t27".
            long Field(string name) => long.Parse(status.Single(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            var databaseFiles = 0;
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget?.EndsWith(".db", StringComparison.Ordinal) == true)
                    {
                        databaseFiles++;
                    }
                }
                catch (IOException)
                {
                    // Closed while listed.
                }
            }
            return new ProcessMemory(1024 * Field("VmRSS:"), 1024 * Field("RssAnon:"), (int)Field("Threads:"), databaseFiles);
        }
    }

    /// <summary>
    /// A dotnet-gcdump of the app (the repository's tool manifest; it runs a full blocking collection first, so the dump
    /// holds live objects only) and its report's sizes by type.
    /// </summary>
    private sealed partial record GcDump(long TotalBytes, long Objects, Dictionary<string, (long Bytes, long Objects)> ByType)
    {
        public static async Task<GcDump?> CollectAsync(int pid, string file)
        {
            var collected = await RunToolAsync("collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file);
            if (collected is null || !File.Exists(file))
            {
                return null;
            }
            var report = await RunToolAsync("report", file);
            if (report is null)
            {
                return null;
            }
            var byType = new Dictionary<string, (long Bytes, long Objects)>(StringComparer.Ordinal);
            long total = 0;
            long objects = 0;
            foreach (Match line in ReportLine().Matches(report))
            {
                var bytes = long.Parse(line.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var count = long.Parse(line.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var type = line.Groups[3].Value;
                var known = byType.GetValueOrDefault(type);
                byType[type] = (known.Bytes + bytes, known.Objects + count);
                total += bytes;
                objects += count;
            }
            // The per-type lines do not add up to the heap; its total heads the report: "  24,656,709  GC Heap bytes".
            var header = HeapTotal().Match(report);
            if (header.Success)
            {
                total = long.Parse(header.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                objects = long.Parse(header.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            }
            return total > 0 ? new GcDump(total, objects, byType) : null;
        }

        /// <summary>Types by the bytes they grew from <paramref name="before"/> to this dump, largest growth first.</summary>
        public IEnumerable<(string Type, long Bytes, long Objects)> GrowthOver(GcDump before) =>
            ByType.Select(t => (t.Key, t.Value.Bytes - before.ByType.GetValueOrDefault(t.Key).Bytes, t.Value.Objects - before.ByType.GetValueOrDefault(t.Key).Objects))
                .OrderByDescending(t => t.Item2);

        private static async Task<string?> RunToolAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                // The tool manifest (.config/dotnet-tools.json) is found from the repository root.
                WorkingDirectory = RepositoryRoot(),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("tool");
            start.ArgumentList.Add("run");
            start.ArgumentList.Add("dotnet-gcdump");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"  dotnet-gcdump {arguments[0]} failed ({process.ExitCode}): {(await errors).Trim()} {(await output).Trim()} (run `dotnet tool restore` first)");
                return null;
            }
            return await output;
        }

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AdminCenter.sln")))
                {
                    return directory.FullName;
                }
            }
            return Environment.CurrentDirectory;
        }

        // "   1,234,567     12,345  System.String (Bytes > 10K)  [System.Private.CoreLib.dll]": bytes, objects, type.
        [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*$", RegexOptions.Multiline)]
        private static partial Regex ReportLine();

        [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes\s*$\s*^\s*([\d,]+)\s+GC Heap objects", RegexOptions.Multiline)]
        private static partial Regex HeapTotal();
    }
}
