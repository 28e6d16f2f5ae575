using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdminCenter.Core.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the context without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AdminCenterDbContext>
{
    public AdminCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AdminCenterDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
