namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// Keeps every core busy for the whole test run when <c>E2E_CPU_BURNERS</c> is set (a thread count; "cores" means one per
/// core), so the suite proves it waits on state, not on time, on a loaded machine.
/// </summary>
public static class CpuBurner
{
    private static readonly Lazy<int> Started = new(Start);
    private static ulong _sink;

    public static int EnsureStarted() => Started.Value;

    private static int Start()
    {
        var setting = Environment.GetEnvironmentVariable("E2E_CPU_BURNERS");
        var threads = setting == "cores" ? Environment.ProcessorCount : int.TryParse(setting, out var count) ? count : 0;
        for (var i = 0; i < threads; i++)
        {
            new Thread(Burn) { IsBackground = true, Name = $"cpu-burner-{i}" }.Start();
        }
        if (threads > 0)
        {
            Console.WriteLine($"e2e under CPU load: {threads} busy threads on {Environment.ProcessorCount} cores");
        }
        return threads;
    }

    private static void Burn()
    {
        var value = 1UL;
        while (true)
        {
            value = value * 6364136223846793005UL + 1442695040888963407UL;
            // Published so the JIT cannot drop the loop body.
            Volatile.Write(ref _sink, value);
        }
    }
}
