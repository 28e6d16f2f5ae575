using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.TestSupport;

/// <summary>A private in-memory SQLite database, migrated like the real one, alive while this object is.</summary>
public sealed class TestDatabase : IDbContextFactory<AdminCenterDbContext>, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<AdminCenterDbContext> _options;

    public TestDatabase()
    {
        _connection = new SqliteConnection($"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        _connection.Open();
        _options = new DbContextOptionsBuilder<AdminCenterDbContext>().UseSqlite(_connection).Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public AdminCenterDbContext CreateDbContext() => new(_options);

    public void Dispose() => _connection.Dispose();
}
