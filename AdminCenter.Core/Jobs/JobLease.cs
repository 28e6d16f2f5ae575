namespace AdminCenter.Core.Jobs;

/// <summary>
/// The right to run a background job (or a start-up step) on this instance until disposed. On PostgreSQL it is an
/// advisory lock held by an open connection: when this instance dies, the connection drops and the lock with it.
/// </summary>
public sealed class JobLease : IAsyncDisposable
{
    private readonly Func<ValueTask> _release;
    private int _released;

    internal JobLease(Func<ValueTask> release, CancellationToken lost)
    {
        Lost = lost;
        _release = release;
    }

    /// <summary>Cancelled when the lease is lost without being released (its connection dropped).</summary>
    public CancellationToken Lost { get; }

    public bool IsLost => Lost.IsCancellationRequested;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? _release() : ValueTask.CompletedTask;
}
