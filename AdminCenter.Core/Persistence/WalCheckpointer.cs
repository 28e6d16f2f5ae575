using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// SQLite: copies the write-ahead log into the database on its own connection and thread, when the health-report writer
/// asks after a commit. Otherwise the writer's own commit runs the copy whenever the log has passed SQLite's 1,000 pages,
/// and the writer is the one serial step of ingestion: at 100,000 reports in batches of 1,000 the commits took 1.7-1.9 us
/// a report with it and 0.8 without (BENCHMARKS.md, "Health-report batches on SQLite"). The writer keeps a larger
/// threshold of its own (<see cref="SqlitePragmas.IngestionWriterCheckpointPages"/>) as a bound on the log: a passive copy here never holds up the
/// writer, so under steady load the log only starts over when one of the writer's own checkpoints finds it all copied.
/// Requests made while a copy runs are folded into one more copy. Nothing to do on PostgreSQL, which is never asked.
/// </summary>
public sealed partial class WalCheckpointer(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a copy of the log; returns at once.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Copies what it can of the log without waiting for readers or writers; returns the log's pages not yet copied.</summary>
    public async Task<long> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: busy, pages in the log, pages copied (-1 for both when the database is not in WAL mode).
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(1) - reader.GetInt64(2) : 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                _requests.Reader.TryRead(out _);
                try
                {
                    await CheckpointAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException)
                {
                    // The writer's own checkpoints still bound the log; the next request tries again.
                    LogCheckpointFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying the SQLite write-ahead log into the database failed; it is tried again after the next commit")]
    private partial void LogCheckpointFailed(Exception exception);
}
