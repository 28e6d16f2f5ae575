using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>Each provider's migrations create exactly the model (spec 08: one migrations set per provider).</summary>
public sealed class MigrationsMatchModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void HasPendingModelChanges_EachProvider_None(DatabaseProvider provider)
    {
        // Comparing the model with the migrations' snapshot opens no connection.
        var options = new DbContextOptionsBuilder<AdminCenterDbContext>();
        _ = provider == DatabaseProvider.PostgreSql ? options.UseNpgsql("Host=localhost;Database=unused") : options.UseSqlite("Data Source=:memory:");
        using var db = AdminCenterDbContexts.Create(provider, options.Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Single(db.Database.GetMigrations());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData(DatabaseProvider.PostgreSql, "Npgsql.EntityFrameworkCore.PostgreSQL")]
    public void CreateSchema_EachProvider_IncludesTheDirectoryVersionTriggers(DatabaseProvider provider, string migrationProvider)
    {
        var sql = DirectoryVersionTriggers.Create(migrationProvider);

        foreach (var table in new[] { "Users", "GroupMembers", "PolicyAssignments" })
        {
            Assert.Contains($"ON \"{table}\"", sql, StringComparison.Ordinal);
        }
        Assert.Equal(provider == DatabaseProvider.PostgreSql, sql.Contains("FOR EACH STATEMENT", StringComparison.Ordinal));
    }
}
