using System.Data.Common;
using System.Reflection;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Identity;
using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Persistence;

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies migrations and creates the bootstrap administrator and token. Run once at start-up. On PostgreSQL, instances
    /// starting together take turns under one advisory lock, so exactly one migrates and creates them and the others find
    /// them done (spec 08). Returns the administrator created now (for <see cref="FirstRunNotice"/>), or null when the tenant
    /// already had one. An unreachable database throws <see cref="DatabaseConfigurationException"/>.
    /// <paramref name="schemaReady"/>, when given, is called once the migrations are applied, before the bootstrap.
    /// </summary>
    public static async Task<FirstAdministrator?> InitialiseAdminCenterDatabaseAsync(
        this IServiceProvider services, Action? schemaReady = null, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        try
        {
            await ProbeAsync(settings, cancellationToken);
            if (settings.Provider == DatabaseProvider.PostgreSql)
            {
                var startupLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey("AdminCenter.Startup", allowHashing: true), settings.ConnectionString);
                await using (await startupLock.AcquireAsync(cancellationToken: cancellationToken))
                {
                    return await InitialiseAsync(services, settings, schemaReady, cancellationToken);
                }
            }
            return await InitialiseAsync(services, settings, schemaReady, cancellationToken);
        }
        catch (Exception e) when (AsConfigurationFailure(settings, e) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Opens one plain connection: an unreachable database or a folder that cannot be made throws
    /// <see cref="DatabaseConfigurationException"/>. Start-up runs it before the server listens, and the rest of
    /// <see cref="InitialiseAdminCenterDatabaseAsync"/> while it starts (<see cref="DatabaseStartup"/>).
    /// </summary>
    public static async Task ProbeAdminCenterDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        try
        {
            await ProbeAsync(settings, cancellationToken);
        }
        catch (Exception e) when (AsConfigurationFailure(settings, e) is { } failure)
        {
            throw failure;
        }
    }

    private static DatabaseConfigurationException? AsConfigurationFailure(DatabaseSettings settings, Exception exception) => exception switch
    {
        DbException e when CannotReachOrOpen(e) => new DatabaseConfigurationException($"Cannot open the {Describe(settings)}: {e.Message}", e),
        IOException or UnauthorizedAccessException =>
            new DatabaseConfigurationException($"Cannot create the folder of the {Describe(settings)}: {exception.Message}", exception),
        _ => null,
    };

    /// <summary>
    /// Opens one plain connection first, so an unreachable database fails here with its own message, before EF Core or
    /// the lock library would log the failure with a stack trace.
    /// </summary>
    private static async Task ProbeAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        if (settings.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
        await using var connection = settings.CreateConnection();
        await connection.OpenAsync(cancellationToken);
    }

    private static async Task<FirstAdministrator?> InitialiseAsync(IServiceProvider services, DatabaseSettings settings, Action? schemaReady, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (!await TryMigrateWithoutContextAsync(settings, cancellationToken))
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await ApplyMigrationsAsync(db, cancellationToken);
        }
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets pages read while a writer commits; a file first created by migrations may not be in WAL yet.
            await using var connection = settings.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        schemaReady?.Invoke();
        var created = await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureBootstrapAdminAsync(cancellationToken);
        // Resolved only when a token is configured: resolving its context factory loads the compiled model.
        if (scope.ServiceProvider.GetRequiredService<IOptions<BootstrapOptions>>().Value.ApiToken is { Length: > 0 } token)
        {
            await scope.ServiceProvider.GetRequiredService<ApiTokenService>().EnsureBootstrapTokenAsync(token, cancellationToken);
        }
        return created;
    }

    /// <summary>
    /// On a plain connection: true when every migration of the assembly is applied, or when the database had none and the
    /// migrations' script created the schema (<see cref="MigrationScript"/>); false when EF Core has to migrate. So neither
    /// a restart nor a first start creates a <c>DbContext</c> before the sign-in page can answer: the first context builds
    /// EF Core's services, which then happens beside the first request instead (BENCHMARKS.md "Cold start", ninth step).
    /// </summary>
    private static async Task<bool> TryMigrateWithoutContextAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = settings.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var applied = await ReadAppliedMigrationsAsync(connection, settings.Provider, cancellationToken);
        var known = KnownMigrations(settings.Provider);
        if (known.All(applied.Contains))
        {
            return true;
        }
        return applied.Count == 0 && await MigrationScript.TryApplyToFreshDatabaseAsync(connection, settings.Provider, known, cancellationToken);
    }

    /// <summary>
    /// The assembly's migrations for <paramref name="provider"/>, found as EF Core's migrations assembly finds them (a
    /// <see cref="Migration"/> with the provider's context in its <see cref="DbContextAttribute"/>), without a context.
    /// </summary>
    internal static IReadOnlyList<string> KnownMigrations(DatabaseProvider provider)
    {
        var contextType = provider == DatabaseProvider.PostgreSql ? typeof(PostgreSqlAdminCenterDbContext) : typeof(AdminCenterDbContext);
        return typeof(AdminCenterDbContext).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(Migration)) && !type.IsAbstract
                && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // Only "cannot reach or open" errors become the one-line message: SQLite's CANTOPEN (14) and NOTADB (26); Npgsql's
    // connection failures, bad credentials (class 28) and a missing database (3D000). Anything else is a bug to see in full.
    private static bool CannotReachOrOpen(DbException exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 14 or 26,
        Npgsql.PostgresException postgres => postgres.SqlState.StartsWith("28", StringComparison.Ordinal) || postgres.SqlState == "3D000",
        Npgsql.NpgsqlException => true,
        _ => false,
    };

    private static string Describe(DatabaseSettings settings) => settings.Provider switch
    {
        DatabaseProvider.PostgreSql when new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString) is var b =>
            $"PostgreSQL database \"{b.Database}\" at {b.Host}:{b.Port}",
        _ => $"SQLite database {settings.SqliteFile ?? "(in memory)"}",
    };

    /// <summary>
    /// Applies pending migrations. EF Core's SQLite migration lock is a row in __EFMigrationsLock that only a finished
    /// Migrate deletes, and Migrate takes it even when nothing is pending: an app killed inside it left the row, and every
    /// later start waited for it forever (found by the crash-safety test). So nothing is locked when nothing is pending,
    /// and a lock found before migrating is a dead process's: one SQLite file has one app instance (spec 08). PostgreSQL
    /// releases its lock with the session, and start-up already holds the advisory lock. A fresh database gets the
    /// migrations' generated script instead (<see cref="MigrationScript"/>).
    /// </summary>
    internal static async Task ApplyMigrationsAsync(AdminCenterDbContext db, CancellationToken cancellationToken = default)
    {
        await EnsureMigrationHistoryTableAsync(db, cancellationToken);
        var known = db.Database.GetMigrations().ToList();
        var applied = await ReadAppliedMigrationsAsync(db, cancellationToken);
        if (known.TrueForAll(applied.Contains))
        {
            return;
        }
        if (applied.Count == 0 && await MigrationScript.TryApplyToFreshDatabaseAsync(db, known, cancellationToken))
        {
            return;
        }
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS \"__EFMigrationsLock\";", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Whether the assembly has a migration the history table does not list (EF Core's GetPendingMigrations).</summary>
    internal static async Task<bool> HasPendingMigrationsAsync(AdminCenterDbContext db, CancellationToken cancellationToken = default)
    {
        var applied = await ReadAppliedMigrationsAsync(db, cancellationToken);
        return !db.Database.GetMigrations().All(applied.Contains);
    }

    /// <summary>
    /// The history table's migration ids, none when it does not exist, read with one plain command: EF Core's own read
    /// first builds a model of the history table (about a tenth of a second of every restart, BENCHMARKS.md "Cold start").
    /// </summary>
    private static async Task<HashSet<string>> ReadAppliedMigrationsAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var provider = db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
            return await ReadAppliedMigrationsAsync(db.Database.GetDbConnection(), provider, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<HashSet<string>> ReadAppliedMigrationsAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{HistoryRepository.DefaultTableName}'"
            : $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{HistoryRepository.DefaultTableName}'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return applied;
        }
        command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }
        return applied;
    }

    /// <summary>
    /// Npgsql's history repository reports the history table as always present and reads it, so on a fresh PostgreSQL
    /// database both the pending-migrations check and Migrate log a failed command at error level (npgsql/efcore.pg#3407)
    /// although nothing is wrong. Creating the (empty) table first, with EF Core's own statement, keeps that false error out
    /// of the log of every first start.
    /// </summary>
    private static async Task EnsureMigrationHistoryTableAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
