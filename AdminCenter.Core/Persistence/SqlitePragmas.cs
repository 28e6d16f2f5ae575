using System.Data.Common;
using Microsoft.Data.Sqlite;
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
/// Report reads (<see cref="ReportConnectionString"/>) take read-only connections of their own pool that map the file.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // Negative sizes are KiB: 2 MiB for every pooled connection, 64 MiB during BulkPassAsync. Checkpoints are counted in
    // pages of 4 KiB: SQLite's default 1,000 (4 MiB of WAL), 65,536 (256 MiB) during BulkPassAsync.
    private const string PoolSettingsSql = "PRAGMA cache_size=-2048; PRAGMA wal_autocheckpoint=1000;";
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY; " + PoolSettingsSql;
    private const string BulkPass = "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=65536;";

    /// <summary>
    /// How much of the database file a report connection maps (PRAGMA mmap_size; SQLite caps it at its build's maximum,
    /// 2 GiB by default). A mapped page is read in place, from the operating system's page cache that every process and
    /// connection shares; through the 2 MiB cache each read copies pages that the cache cannot keep. At 100,000
    /// registrations, counting the 3,970 matches of "57" took 31 ms and its page 13; mapped, 11-13 and 2-4. The pages a
    /// connection has touched count in the process's resident set (as file pages, which the system reclaims when it needs
    /// them, unlike the page cache's private memory), so only reports map: a re-evaluation pass, the check-ins and the
    /// health reports read the whole tenant over time and keep their resident set to what they allocate.
    /// </summary>
    internal const long ReportMappedBytes = 2L << 30;

    private static readonly string ReportPragmas =
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $" PRAGMA mmap_size={ReportMappedBytes};");

    /// <summary>
    /// The connection string of a report's reads for <paramref name="connectionString"/>: read-only, which gives them
    /// a pool of their own (the pool is per connection string) whose connections map the file (see
    /// <see cref="ReportMappedBytes"/>); the same string for an in-memory database, which has no file to map.
    /// Mapping per read instead cost more than it saved: each read faulted its pages in again (the count of "57" took
    /// 46-51 ms).
    /// </summary>
    public static string ReportConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }
        builder.Mode = SqliteOpenMode.ReadOnly;
        return builder.ToString();
    }

    private static string PragmasFor(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? Pragmas + ReportPragmas : Pragmas;

    /// <summary>The health-report writer's automatic checkpoint, in pages (64 MiB of WAL): see <see cref="IngestionWriterAsync"/>.</summary>
    public const int IngestionWriterCheckpointPages = 16_384;

    private static readonly string IngestionWriter =
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint={IngestionWriterCheckpointPages};");

    /// <summary>
    /// On SQLite, settings for a re-evaluation pass on the open connection of <paramref name="database"/> until the result
    /// is disposed, which puts back the pool's settings before the connection returns to the pool. Nothing on PostgreSQL.
    /// <list type="bullet">
    /// <item>A 64 MiB page cache: a pass's chunks write index pages all over the table (at 100,000 registrations 2.6 s
    /// became 2.0 s with a large cache, measured before the pass was chunked).</item>
    /// <item>A checkpoint every 256 MiB of WAL instead of every 4 MiB: every chunk changes pages of the outcome index all
    /// over the tenant, and a checkpoint after each chunk copied each of them into the database once per chunk; one every
    /// few chunks copies them once for all of those (at 1,000,000 registrations the commits took 18-22 s of a pass, then
    /// 12-13 s). The WAL file stays at most that size (and a chunk's pages) until the next checkpoint starts it over.</item>
    /// </list>
    /// The pass's log is copied into the database after it, by <see cref="WalCheckpointer"/> on its own connection (the
    /// caller asks): done here, in the pass's time, the copy took 500 ms of a 2.9 s pass at 100,000 registrations.
    /// </summary>
    public static async Task<IAsyncDisposable> BulkPassAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite())
        {
            return PoolSettings.None;
        }
        await database.ExecuteSqlRawAsync(BulkPass, cancellationToken);
        return new PoolSettings(database, PoolSettingsSql);
    }

    /// <summary>
    /// On SQLite, the health-report writer's setting on the open connection of <paramref name="database"/> until the result
    /// is disposed: its commits checkpoint only past <see cref="IngestionWriterCheckpointPages"/> pages of WAL, as
    /// <see cref="WalCheckpointer"/> copies the WAL on another connection after each of them. Nothing on PostgreSQL.
    /// </summary>
    public static async Task<IAsyncDisposable> IngestionWriterAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite())
        {
            return PoolSettings.None;
        }
        await database.ExecuteSqlRawAsync(IngestionWriter, cancellationToken);
        return new PoolSettings(database, PoolSettingsSql);
    }

    private sealed class PoolSettings(DatabaseFacade? database, string restore) : IAsyncDisposable
    {
        public static readonly PoolSettings None = new(null, "");

        public async ValueTask DisposeAsync()
        {
            if (database is not null)
            {
                await database.ExecuteSqlRawAsync(restore, CancellationToken.None);
            }
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
