using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Benchmarks;

/// <summary>
/// Latency of the Graph-shaped reads under 16 concurrent clients, each next to a raw-storage baseline measured in the
/// same run (the same rows read straight through EF Core at the same concurrency): the ratio is what the API layer
/// (authentication, rate limiting, routing, the Graph projection, JSON, HTTP on loopback) adds. SQLite reads run
/// synchronously, so the baseline's latency is close to its service time while the API's includes queueing behind
/// the other 15 clients on 2 shared cores; the throughput ratio compares like with like. Absolute figures on a shared 2-core VM
/// vary 2x between runs; the ratio holds. Run: <c>dotnet run -c Release --project benchmarks/AdminCenter.Benchmarks -- api</c>.
/// </summary>
public static class ApiLatencyScenarios
{
    private const string ApiToken = "api-latency-token";
    private const int Clients = 16;
    private const int RequestsPerClient = 250;
    private const int Policies = 50;

    public static async Task<int> RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "admincenter-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var host = new ApiHost(Path.Combine(directory, "admincenter.db"));
            host.StartServer();
            var policyId = await SeedAsync(host.Services);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = host.ClientOptions.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
            var factory = host.Services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>();

            var lines = new List<string>();
            for (var round = 1; round <= 3; round++)
            {
                lines.Add($"Round {round}:");
                lines.Add(await CompareAsync(
                    "GET /graph/v1.0/deviceManagement/mobileThreatDefenseConnectors",
                    () => GetAsync(http, "graph/v1.0/deviceManagement/mobileThreatDefenseConnectors"),
                    async () =>
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        return (await db.MobileThreatDefenseConnectors.AsNoTracking().ToListAsync()).Count;
                    }));
                lines.Add(await CompareAsync(
                    "GET /graph/beta/deviceAppManagement/windowsManagedAppProtections/{id}?$expand=apps,assignments",
                    () => GetAsync(http, $"graph/beta/deviceAppManagement/windowsManagedAppProtections/{policyId}?$expand=apps,assignments"),
                    async () =>
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        var policy = await db.WindowsManagedAppProtections.AsNoTracking().Include(p => p.Assignments).SingleAsync(p => p.Id == policyId);
                        return policy.Assignments.Count;
                    }));
            }
            Console.WriteLine();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}");
            foreach (var line in lines)
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

    private static async Task<int> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private static async Task<string> CompareAsync(string what, Func<Task<int>> api, Func<Task<int>> raw)
    {
        var apiLatency = await MeasureAsync(api);
        var rawLatency = await MeasureAsync(raw);
        return string.Create(CultureInfo.InvariantCulture,
            $"  {what}, {Clients} clients x {RequestsPerClient}: API median {apiLatency.Median:F2} ms (p95 {apiLatency.P95:F2}, {apiLatency.PerSecond:N0}/s); " +
            $"raw EF Core read median {rawLatency.Median:F2} ms (p95 {rawLatency.P95:F2}, {rawLatency.PerSecond:N0}/s); " +
            $"median ratio {apiLatency.Median / rawLatency.Median:F1}x, throughput ratio {rawLatency.PerSecond / apiLatency.PerSecond:F1}x");
    }

    private static async Task<(double Median, double P95, double PerSecond)> MeasureAsync(Func<Task<int>> call)
    {
        // Warm-up: JIT, connection pool, caches.
        for (var i = 0; i < 50; i++)
        {
            await call();
        }
        var samples = new double[Clients * RequestsPerClient];
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < samples.Length)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                samples[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var elapsed = stopwatch.Elapsed;
        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.95)], samples.Length / elapsed.TotalSeconds);
    }

    /// <summary>Every partner with a connector, 20 groups, and 50 policies each assigned to 3 groups and excluding 1.</summary>
    private static async Task<string> SeedAsync(IServiceProvider services)
    {
        var connectors = services.GetRequiredService<MtdConnectorService>();
        foreach (var partner in PartnerCatalog.All)
        {
            var created = await connectors.CreateAsync(partner.ConnectorId, null, TestActors.Named("benchmark"));
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not create the {partner.Name} connector.");
            }
        }
        var groups = services.GetRequiredService<GroupService>();
        var groupIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            groupIds.Add((await groups.CreateGroupAsync(new GroupInput($"Benchmark group {i}", null), memberIds: null, actor: TestActors.System)).Value!.Id);
        }
        var policies = services.GetRequiredService<AppProtectionPolicyService>();
        string? last = null;
        for (var i = 0; i < Policies; i++)
        {
            var draft = PolicyTemplates.Blank() with
            {
                DisplayName = $"Benchmark policy {i}",
                Apps = [WindowsPolicyDraft.EdgeAppId],
                HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22621", HealthCheckAction.Block)],
                IncludedGroupIds = [groupIds[i % 20], groupIds[(i + 1) % 20], groupIds[(i + 2) % 20]],
                ExcludedGroupIds = [groupIds[(i + 3) % 20]],
            };
            last = (await policies.CreateAsync(draft, TestActors.Named("benchmark"))).Value!.Id;
        }
        return last!;
    }

    private sealed class ApiHost(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:AdminCenter", $"Data Source={databasePath}");
            builder.UseSetting("Bootstrap:AdminPassword", "Api-latency-admin-password");
            builder.UseSetting("Bootstrap:ApiToken", ApiToken);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            UseKestrel(0);
        }
    }
}
