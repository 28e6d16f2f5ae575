using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL stays safe from corruption and skips an fsync per
/// commit, which is what lets health reports and check-ins commit thousands of times a second. Temporary tables and
/// statement journals stay in memory: a check-in's or a report's statements change a few pages.
/// The page cache is per connection and the pool keeps every connection a busy moment opened (8 under the soak's load),
/// so its size multiplies: at 128 MiB each, the caches filled over minutes of check-ins and the process kept growing
/// (BENCHMARKS.md, "Flat under load"). Connections keep a small cache; only a re-evaluation pass takes other settings
/// for its duration (<see cref="BulkPassAsync"/>).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // Negative sizes are KiB: 2 MiB for every pooled connection, 64 MiB during BulkPassAsync.
    private const string Cache = "PRAGMA cache_size=-2048;";
    private const string InMemoryTemp = "PRAGMA temp_store=MEMORY;";
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; " + Cache + " " + InMemoryTemp;
    private const string BulkPass = "PRAGMA cache_size=-65536; PRAGMA temp_store=FILE;";

    /// <summary>
    /// On SQLite, settings for a re-evaluation pass on the open connection of <paramref name="database"/> until the result
    /// is disposed, which puts back the pool's settings before the connection returns to the pool. Nothing on PostgreSQL.
    /// <list type="bullet">
    /// <item>A 64 MiB page cache: a pass's chunks write index pages all over the table (at 100,000 registrations 2.6 s
    /// became 2.0 s with a large cache, measured before the pass was chunked).</item>
    /// <item>Temporary files on disk: a multi-row UPDATE keeps a statement journal of every page it changes, so that it can
    /// roll back alone; in memory that was about 2 KB per row (55 MB for 25,000 rows, at 1,000,000 registrations) beside
    /// the page cache, and writing it to a file (the operating system's cache) was faster as well. Changing
    /// temp_store drops the connection's temporary tables, which a pass creates afresh per chunk.</item>
    /// </list>
    /// </summary>
    public static async Task<IAsyncDisposable> BulkPassAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite())
        {
            return PoolSettings.None;
        }
        await database.ExecuteSqlRawAsync(BulkPass, cancellationToken);
        return new PoolSettings(database);
    }

    private sealed class PoolSettings(DatabaseFacade? database) : IAsyncDisposable
    {
        public static readonly PoolSettings None = new(null);

        public async ValueTask DisposeAsync()
        {
            if (database is not null)
            {
                await database.ExecuteSqlRawAsync(Cache + " " + InMemoryTemp, CancellationToken.None);
            }
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
