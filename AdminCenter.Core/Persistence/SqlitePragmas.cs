using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL stays safe from corruption and skips an fsync per
/// commit, which is what lets health reports and check-ins commit thousands of times a second. Temporary tables
/// (re-evaluation stages its changes in one) stay in memory.
/// The page cache is per connection and the pool keeps every connection a busy moment opened (8 under the soak's load),
/// so its size multiplies: at 128 MiB each, the caches filled over minutes of check-ins and the process kept growing
/// (BENCHMARKS.md, "Flat under load"). Connections keep a small cache; only a re-evaluation pass, whose chunks write
/// index pages all over the table, takes a large one for its duration (<see cref="LargeCacheAsync"/>; 2.6 s to 2.0 s at
/// 100,000 registrations, measured before the pass was chunked).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // Negative sizes are KiB: 2 MiB for every pooled connection, 128 MiB during LargeCacheAsync.
    private const string Cache = "PRAGMA cache_size=-2048;";
    private const string LargeCache = "PRAGMA cache_size=-131072;";
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; " + Cache + " PRAGMA temp_store=MEMORY;";

    /// <summary>
    /// On SQLite, gives the open connection of <paramref name="database"/> a 128 MiB page cache until the result is
    /// disposed, which sets it back to the pool's 2 MiB (SQLite frees the pages beyond it) before the connection returns
    /// to the pool. Nothing on PostgreSQL.
    /// </summary>
    public static async Task<IAsyncDisposable> LargeCacheAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite())
        {
            return NoCache.Instance;
        }
        await database.ExecuteSqlRawAsync(LargeCache, cancellationToken);
        return new CacheRestorer(database);
    }

    private sealed class CacheRestorer(DatabaseFacade database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.ExecuteSqlRawAsync(Cache, CancellationToken.None);
    }

    private sealed class NoCache : IAsyncDisposable
    {
        public static readonly NoCache Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
