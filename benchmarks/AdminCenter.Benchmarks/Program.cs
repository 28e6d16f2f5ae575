using BenchmarkDotNet.Running;

namespace AdminCenter.Benchmarks;

/// <summary>
/// Micro-benchmarks: <c>dotnet run -c Release --project benchmarks/AdminCenter.Benchmarks -- --filter '*Evaluate*' --job short</c>.
/// End-to-end load figures (HTTP on loopback, 100,000 registrations, raw-storage baselines): <c>... -- load</c>, on PostgreSQL
/// <c>... -- load --provider PostgreSQL --connection "Host=..."</c> (also two instances); the status report and re-evaluation
/// at tenant scale: <c>... -- load --scenarios status|reevaluation --registrations 1000000</c> (either provider); health-report
/// batches alone: <c>... -- load --scenarios batches</c>; memory under
/// a steady mix of check-ins and batches, the app as its own process: <c>... -- load --scenarios soak [--minutes 5]</c>; Graph read latency
/// under 16 clients against a raw-storage baseline: <c>... -- api</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["load", ..])
        {
            LoadOptions options;
            try
            {
                options = LoadOptions.Parse(args[1..]);
            }
            catch (ArgumentException e)
            {
                // A mistyped option: say what to give, not a stack trace.
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
            return await LoadScenarios.RunAsync(options);
        }
        if (args is ["api", ..])
        {
            return await ApiLatencyScenarios.RunAsync();
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
