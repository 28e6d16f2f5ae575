using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>
/// The health-report writer leaves copying the SQLite write-ahead log into the database to <see cref="WalCheckpointer"/>,
/// on its own connection. A file database in WAL mode, whatever provider the suite runs on.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-checkpoint-{Guid.NewGuid():N}.db");
    private readonly IDbContextFactory<AdminCenterDbContext> _factory;

    public WalCheckpointerTests() =>
        _factory = new Factory($"Data Source={_path}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    [Fact]
    public async Task CheckpointAsync_RowsOnlyInTheLog_CopiesThemIntoTheDatabaseFile()
    {
        await using var writer = await _factory.CreateDbContextAsync();
        await writer.Database.OpenConnectionAsync();
        // As the health-report writer: its commits leave the log to the checkpointer.
        await writer.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;");
        await writer.Database.ExecuteSqlRawAsync("""CREATE TABLE "Rows" ("Value" TEXT NOT NULL)""");
        await writer.Database.ExecuteSqlRawAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO "Rows" SELECT printf('%0200d', i) FROM n
            """);
        var before = new FileInfo(_path).Length;

        var left = await new WalCheckpointer(_factory, NullLogger<WalCheckpointer>.Instance).CheckpointAsync();

        Assert.Equal(0, left);
        // 2,000 rows of 200 characters are about 100 pages: in the database file now, not only in the log.
        Assert.True(new FileInfo(_path).Length >= before + (100 * 4096), $"The database file grew from {before} to {new FileInfo(_path).Length} bytes.");
        await using var reader = await _factory.CreateDbContextAsync();
        Assert.Equal(2000, await reader.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "Rows" """).SingleAsync());
    }

    [Fact]
    public async Task CheckpointAsync_DatabaseNotInWalMode_NothingLeft()
    {
        var inMemory = new Factory("Data Source=:memory:");

        Assert.Equal(0, await new WalCheckpointer(inMemory, NullLogger<WalCheckpointer>.Instance).CheckpointAsync());
    }

    private sealed class Factory(string connectionString) : IDbContextFactory<AdminCenterDbContext>
    {
        private readonly DbContextOptions<AdminCenterDbContext> _options = (DbContextOptions<AdminCenterDbContext>)new DbContextOptionsBuilder<AdminCenterDbContext>()
            .UseAdminCenterDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString))
            .Options;

        public AdminCenterDbContext CreateDbContext() => new(_options);
    }
}
