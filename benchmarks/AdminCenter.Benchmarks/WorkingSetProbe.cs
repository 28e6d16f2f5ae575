using System.Globalization;
using System.Runtime;

namespace AdminCenter.Benchmarks;

/// <summary>
/// The process's resident set (VmRSS in /proc/self/status) before an operation and its peak during it: the peak is
/// both sampled every 5 ms and read from VmHWM after resetting it (writing 5 to /proc/self/clear_refs), whichever is
/// higher, so a short spike between samples still counts. Before, managed and native garbage is returned to the system.
/// </summary>
internal sealed class WorkingSetProbe : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _sampler;
    private readonly bool _peakReset;
    private long _managedPeakKb;

    private WorkingSetProbe()
    {
        // Garbage of earlier scenarios returned to the system first, so the starting figure is not padded by it and the
        // operation cannot hide its growth in memory freed before it started.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        // Native memory freed earlier (closed SQLite connections' page caches) back to the system too: glibc keeps it otherwise.
        if (OperatingSystem.IsLinux())
        {
            _ = MallocTrim(0);
        }
        BeforeKb = ReadKb("VmRSS:");
        ManagedBeforeKb = GC.GetGCMemoryInfo().TotalCommittedBytes / 1024;
        // SQLite's own allocations (page caches, statements, temporary tables), apart from the managed heap.
        _ = SQLitePCL.raw.sqlite3_memory_highwater(1);
        SqliteBeforeKb = SQLitePCL.raw.sqlite3_memory_used() / 1024;
        _peakReset = TryResetPeak();
        _sampler = Task.Run(async () =>
        {
            var peak = BeforeKb;
            while (!_stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ReadKb("VmRSS:"));
                _managedPeakKb = Math.Max(_managedPeakKb, GC.GetGCMemoryInfo().TotalCommittedBytes / 1024);
                try
                {
                    await Task.Delay(5, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            return Math.Max(peak, ReadKb("VmRSS:"));
        });
    }

    public long BeforeKb { get; }

    /// <summary>The managed heap's committed memory before, in KiB.</summary>
    public long ManagedBeforeKb { get; }

    /// <summary>SQLite's allocations before, in KiB.</summary>
    public long SqliteBeforeKb { get; }

    /// <summary>The managed heap's committed memory at its sampled peak, in KiB (after <see cref="StopAsync"/>).</summary>
    public long ManagedPeakKb => Math.Max(_managedPeakKb, ManagedBeforeKb);

    /// <summary>SQLite's allocations at their peak since <see cref="Start"/>, in KiB (its own high-water mark).</summary>
    public static long SqlitePeakKb => SQLitePCL.raw.sqlite3_memory_highwater(0) / 1024;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    public static WorkingSetProbe Start() => new();

    /// <summary>The peak resident set since <see cref="Start"/>, in KiB.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        var sampled = await _sampler;
        return _peakReset ? Math.Max(sampled, ReadKb("VmHWM:")) : sampled;
    }

    public void Dispose() => _stop.Dispose();

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKb(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"/proc/self/status has no {field}");
    }
}
