using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// A private database migrated like the real one: a SQLite file in WAL mode, or a fresh PostgreSQL database when the
/// tests run on PostgreSQL (<see cref="TestProvider"/>). Every context opens its own connection, as in production, so
/// background services and tests may use it from different threads.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AdminCenterDbContext>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-test-{Guid.NewGuid():N}.db");
    private readonly string? _postgreSql;
    private readonly DbContextOptions<AdminCenterDbContext> _options;

    public TestDatabase(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        if (TestProvider.Current == DatabaseProvider.PostgreSql)
        {
            _postgreSql = TestProvider.CreatePostgreSqlDatabase();
            _options = new DbContextOptionsBuilder<AdminCenterDbContext>().UseNpgsql(_postgreSql).AddInterceptors(interceptors).Options;
            Settings = new DatabaseSettings(DatabaseProvider.PostgreSql, _postgreSql);
            return;
        }
        Settings = new DatabaseSettings(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        _options = new DbContextOptionsBuilder<AdminCenterDbContext>()
            .UseSqlite(Settings.ConnectionString)
            .AddInterceptors(interceptors)
            .Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    /// <summary>The database as the app's settings name it, for code that opens plain connections.</summary>
    public DatabaseSettings Settings { get; }

    public AdminCenterDbContext CreateDbContext() => AdminCenterDbContexts.Create(TestProvider.Current, _options);

    public void Dispose()
    {
        if (_postgreSql is not null)
        {
            TestProvider.DropPostgreSqlDatabase(_postgreSql);
            return;
        }
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
