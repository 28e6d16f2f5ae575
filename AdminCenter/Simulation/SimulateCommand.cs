namespace AdminCenter.Simulation;

/// <summary>
/// <c>dotnet run --project AdminCenter -- simulate ...</c>: runs the <see cref="TenantSimulator"/> instead of the web app.
/// </summary>
internal static class SimulateCommand
{
    public const string Name = "simulate";

    public static bool IsRequested(string[] args) => args is [var first, ..] && string.Equals(first, Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the arguments after <c>simulate</c> and runs until the time is up or Ctrl+C; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (options, errors) = SimulatorOptions.Parse(args, Environment.GetEnvironmentVariable("Bootstrap__ApiToken"));
        if (options is null)
        {
            foreach (var problem in errors)
            {
                await error.WriteLineAsync(problem);
            }
            await error.WriteLineAsync();
            await error.WriteLineAsync(SimulatorOptions.Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Stop cleanly and print the totals instead of dying mid-request.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var simulator = new TenantSimulator(options, http, output, TimeProvider.System);
            return await simulator.RunAsync(stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
