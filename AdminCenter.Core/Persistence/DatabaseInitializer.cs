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
            await ApplyMigrationsAsync(db);
            // WAL lets pages read while a writer commits; a file first created by migrations may not be in WAL yet.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var created = await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureBootstrapAdminAsync();
        await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .EnsureBootstrapTokenAsync(scope.ServiceProvider.GetRequiredService<IOptions<BootstrapOptions>>().Value.ApiToken);
        return created;
    }

    /// <summary>
    /// Applies pending migrations. EF Core's SQLite migration lock is a row in __EFMigrationsLock that only a finished
    /// Migrate deletes, and Migrate takes it even when nothing is pending: an app killed inside it left the row, and every
    /// later start waited for it forever (found by the crash-safety test). So nothing is locked when nothing is pending,
    /// and a lock found before migrating is a dead process's: one SQLite file has one app instance (spec 08).
    /// </summary>
    internal static async Task ApplyMigrationsAsync(AdminCenterDbContext db, CancellationToken cancellationToken = default)
    {
        if (!(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS \"__EFMigrationsLock\";", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
