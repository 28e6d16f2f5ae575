using System.Globalization;

namespace AdminCenter.Simulation;

/// <summary>What the simulator counts; one line per status interval shows the differences.</summary>
internal enum SimulatorCounter
{
    Requests,
    CheckIns,
    Enrollments,
    Allow,
    Warn,
    Block,
    Wipe,
    SignOuts,
    WipesConfirmed,
    Heartbeats,
    ReportsAccepted,
    ReportsRefused,
    Errors,
}

/// <summary>Thread-safe counters shared by every simulated device and the partner.</summary>
internal sealed class SimulatorCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<SimulatorCounter>().Length];
    private long[] _lastInterval;
    private string? _lastError;

    public SimulatorCounters() => _lastInterval = new long[_counts.Length];

    public void Add(SimulatorCounter counter, long amount = 1) => Interlocked.Add(ref _counts[(int)counter], amount);

    public void Error(string message)
    {
        Add(SimulatorCounter.Errors);
        Volatile.Write(ref _lastError, message);
    }

    public long this[SimulatorCounter counter] => Interlocked.Read(ref _counts[(int)counter]);

    public IReadOnlyDictionary<SimulatorCounter, long> Totals() => Enum.GetValues<SimulatorCounter>().ToDictionary(c => c, c => this[c]);

    /// <summary>The line for the interval since the previous call: requests per second and what came back.</summary>
    public string IntervalLine(TimeSpan sinceStart, TimeSpan interval)
    {
        var now = Enum.GetValues<SimulatorCounter>().Select(c => this[c]).ToArray();
        var delta = now.Select((value, i) => value - _lastInterval[i]).ToArray();
        _lastInterval = now;
        var error = Interlocked.Exchange(ref _lastError, null);
        return Format($"[{sinceStart:mm\\:ss}] {delta[(int)SimulatorCounter.Requests] / Math.Max(interval.TotalSeconds, 0.001):F1} req/s", delta) +
            (error is null ? "" : $" | last error: {error}");
    }

    public string TotalLine(TimeSpan elapsed)
    {
        var totals = Enum.GetValues<SimulatorCounter>().Select(c => this[c]).ToArray();
        return Format($"Total in {elapsed.TotalSeconds:F1} s: {totals[(int)SimulatorCounter.Requests]} requests ({totals[(int)SimulatorCounter.Requests] / Math.Max(elapsed.TotalSeconds, 0.001):F1} req/s)", totals);
    }

    private static string Format(string head, long[] c) => string.Create(CultureInfo.InvariantCulture,
        $"{head} | check-ins {c[(int)SimulatorCounter.CheckIns]} (allow {c[(int)SimulatorCounter.Allow]}, warn {c[(int)SimulatorCounter.Warn]}, " +
        $"block {c[(int)SimulatorCounter.Block]}, wipe {c[(int)SimulatorCounter.Wipe]}; new enrollments {c[(int)SimulatorCounter.Enrollments]}) | " +
        $"sign-outs {c[(int)SimulatorCounter.SignOuts]} | wipes confirmed {c[(int)SimulatorCounter.WipesConfirmed]} | " +
        $"heartbeats {c[(int)SimulatorCounter.Heartbeats]} | reports accepted {c[(int)SimulatorCounter.ReportsAccepted]}, refused {c[(int)SimulatorCounter.ReportsRefused]} | " +
        $"errors {c[(int)SimulatorCounter.Errors]}");
}
