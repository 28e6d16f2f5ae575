using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.Persistence;

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies migrations, turns on WAL and creates the bootstrap administrator. Run once at start-up. Returns the
    /// administrator created now (for <see cref="FirstRunNotice"/>), or null when the tenant already had one.
    /// </summary>
    public static async Task<FirstAdministrator?> InitialiseAdminCenterDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var dataSource = db.Database.GetDbConnection().DataSource;
            if (!string.IsNullOrEmpty(dataSource) && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
            await db.Database.MigrateAsync();
            // WAL lets pages read while a writer commits; a file first created by migrations may not be in WAL yet.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var created = await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureBootstrapAdminAsync();
        await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .EnsureBootstrapTokenAsync(scope.ServiceProvider.GetRequiredService<IOptions<BootstrapOptions>>().Value.ApiToken);
        return created;
    }
}
