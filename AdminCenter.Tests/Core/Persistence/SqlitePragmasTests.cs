using System.Data.Common;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>
/// The SQLite page cache is per pooled connection, so its size multiplies by the pool: a large one filled over minutes of
/// load and the process kept growing (BENCHMARKS.md, "Flat under load"). Only a re-evaluation pass takes a large one, and
/// rarer checkpoints, and gives both back before its connection returns to the pool. Report reads take read-only
/// connections of their own pool that map the file; no other connection does. On SQLite whatever provider the suite runs on.
/// </summary>
public sealed class SqlitePragmasTests : IDisposable
{
    private const long PoolCacheKibibytes = 2048;
    private const long BulkPassCacheKibibytes = 65_536;

    // Pages of WAL between automatic checkpoints.
    private const long PoolCheckpointPages = 1000;
    private const long BulkPassCheckpointPages = 65_536;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-pragmas-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<AdminCenterDbContext> _options;

    public SqlitePragmasTests() =>
        _options = (DbContextOptions<AdminCenterDbContext>)new DbContextOptionsBuilder<AdminCenterDbContext>()
            .UseAdminCenterDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_path}"))
            .Options;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task ConnectionOpened_PooledConnection_KeepsSmallPageCache()
    {
        await using var db = new AdminCenterDbContext(_options);
        await db.Database.OpenConnectionAsync();

        Assert.Equal(PoolCacheKibibytes, await CacheKibibytesAsync(db));
        Assert.Equal(PoolCheckpointPages, await CheckpointPagesAsync(db));
    }

    [Fact]
    public async Task BulkPassAsync_UntilDisposed_LargeCacheAndRareCheckpointsThenThePoolSettings()
    {
        var (during, after) = await SettingsDuringAndAfterAsync(SqlitePragmas.BulkPassAsync);

        Assert.Equal((BulkPassCacheKibibytes, BulkPassCheckpointPages), during);
        Assert.Equal((PoolCacheKibibytes, PoolCheckpointPages), after);
    }

    [Fact]
    public async Task IngestionWriterAsync_UntilDisposed_RareCheckpointsThenThePoolSettings()
    {
        var (during, after) = await SettingsDuringAndAfterAsync(SqlitePragmas.IngestionWriterAsync);

        Assert.Equal((PoolCacheKibibytes, (long)SqlitePragmas.IngestionWriterCheckpointPages), during);
        Assert.Equal((PoolCacheKibibytes, PoolCheckpointPages), after);
    }

    [Fact]
    public async Task BulkPassAsync_NextContextOnPooledConnection_SmallPageCache()
    {
        await using (var first = new AdminCenterDbContext(_options))
        {
            await first.Database.OpenConnectionAsync();
            // Left large, as if the restore had not run: the next open still sets the pool's size.
            await first.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-131072;");
        }

        await using var next = new AdminCenterDbContext(_options);
        await next.Database.OpenConnectionAsync();

        Assert.Equal(PoolCacheKibibytes, await CacheKibibytesAsync(next));
    }

    [Fact]
    public async Task ConnectionOpened_ReportConnection_ReadOnlyAndMapsTheFile()
    {
        await MigrateAsync();
        await using var db = new AdminCenterDbContext(_options);
        db.Database.SetConnectionString(SqlitePragmas.ReportConnectionString(db.Database.GetConnectionString()!));
        await db.Database.OpenConnectionAsync();

        Assert.True(await MappedBytesAsync(db) > 0);
        Assert.Equal(PoolCacheKibibytes, await CacheKibibytesAsync(db));
        var write = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Users\""));
        Assert.Equal(8, write.SqliteErrorCode); // SQLITE_READONLY
    }

    [Fact]
    public async Task ConnectionOpened_PooledConnection_DoesNotMapTheFile()
    {
        await using var db = new AdminCenterDbContext(_options);
        await db.Database.OpenConnectionAsync();

        Assert.Equal(0, await MappedBytesAsync(db));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public void ReportConnectionString_InMemoryDatabase_Unchanged(string connectionString) =>
        Assert.Equal(connectionString, SqlitePragmas.ReportConnectionString(connectionString));

    [Fact]
    public async Task QueryAsync_StatusReport_ReadsOnAReportConnection()
    {
        await MigrateAsync();
        var opened = new OpenedConnections();
        var options = new DbContextOptionsBuilder<AdminCenterDbContext>(_options).AddInterceptors(opened).Options;
        var queries = new AppProtectionStatusQueries(new Factory(options));

        var page = await queries.QueryAsync(new AppProtectionStatusFilter { Search = "user" }, 0, 50);

        Assert.Empty(page.Items);
        Assert.NotEmpty(opened.Modes);
        Assert.All(opened.Modes, mode => Assert.Equal(SqliteOpenMode.ReadOnly, mode));
    }

    private async Task MigrateAsync()
    {
        await using var db = new AdminCenterDbContext(_options);
        await db.Database.MigrateAsync();
    }

    private static async Task<long> MappedBytesAsync(AdminCenterDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA mmap_size";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class Factory(DbContextOptions<AdminCenterDbContext> options) : IDbContextFactory<AdminCenterDbContext>
    {
        public AdminCenterDbContext CreateDbContext() => new(options);
    }

    // The open mode of every connection the contexts open.
    private sealed class OpenedConnections : DbConnectionInterceptor
    {
        public List<SqliteOpenMode> Modes { get; } = [];

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Modes.Add(new SqliteConnectionStringBuilder(connection.ConnectionString).Mode);
            return Task.CompletedTask;
        }
    }

    // The page cache and checkpoint threshold of one connection while the settings are in force, and after they are disposed.
    private async Task<((long Cache, long CheckpointPages) During, (long Cache, long CheckpointPages) After)> SettingsDuringAndAfterAsync(
        Func<DatabaseFacade, CancellationToken, Task<IAsyncDisposable>> settings)
    {
        await using var db = new AdminCenterDbContext(_options);
        await db.Database.OpenConnectionAsync();
        (long, long) during;
        await using (await settings(db.Database, CancellationToken.None))
        {
            during = (await CacheKibibytesAsync(db), await CheckpointPagesAsync(db));
        }
        return (during, (await CacheKibibytesAsync(db), await CheckpointPagesAsync(db)));
    }

    // Negative cache_size values are KiB.
    private static async Task<long> CacheKibibytesAsync(AdminCenterDbContext db) =>
        -(await db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size").ToListAsync()).Single();

    // Not a table-valued pragma (it changes the connection when given a value), so read as a statement.
    private static async Task<long> CheckpointPagesAsync(AdminCenterDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
