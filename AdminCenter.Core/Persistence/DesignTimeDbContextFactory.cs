using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQLite context without starting the web app:
/// <c>dotnet ef migrations add &lt;Name&gt; --project AdminCenter.Core --context AdminCenterDbContext --output-dir Persistence/Migrations/Sqlite</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AdminCenterDbContext>
{
    public AdminCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AdminCenterDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// The same for PostgreSQL (no server is contacted to add a migration):
/// <c>dotnet ef migrations add &lt;Name&gt; --project AdminCenter.Core --context PostgreSqlAdminCenterDbContext --output-dir Persistence/Migrations/PostgreSql</c>.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlAdminCenterDbContext>
{
    public PostgreSqlAdminCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AdminCenterDbContext>().UseNpgsql("Host=localhost;Database=admincenter_design_time").Options);
}
