using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// A private SQLite database in a temporary file, migrated like the real one and in WAL mode. Every context opens
/// its own connection, as in production, so background services and tests may use it from different threads.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AdminCenterDbContext>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-test-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<AdminCenterDbContext> _options;

    public TestDatabase(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        _options = new DbContextOptionsBuilder<AdminCenterDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString())
            .AddInterceptors(interceptors)
            .Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    public AdminCenterDbContext CreateDbContext() => new(_options);

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
