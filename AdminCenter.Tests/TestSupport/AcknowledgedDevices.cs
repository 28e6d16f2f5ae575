namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// For a write stream's ledger (the crash test and the two-instance end-to-end test link this one file): the devices
/// whose first check-in was acknowledged, to send health reports for, and the reported times of those reports.
/// </summary>
internal sealed class AcknowledgedDevices<TDevice>(DateTime firstReportedUtc)
{
    // Reports are sent with whole seconds.
    private readonly DateTime _firstReportedUtc = firstReportedUtc.AddTicks(-(firstReportedUtc.Ticks % TimeSpan.TicksPerSecond));
    private readonly List<TDevice> _devices = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _reportSequence;

    /// <summary>Completes once a device is known.</summary>
    public Task FirstAcknowledged => _first.Task;

    public void Add(TDevice device)
    {
        lock (_devices)
        {
            _devices.Add(device);
        }
        _first.TrySetResult();
    }

    public TDevice Random(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_devices)
        {
            return _devices[random.Next(_devices.Count)];
        }
    }

    /// <summary>One second apart: every report is distinct and the newest per device is unambiguous.</summary>
    public DateTime NextReportedUtc() => _firstReportedUtc.AddSeconds(Interlocked.Increment(ref _reportSequence));
}
