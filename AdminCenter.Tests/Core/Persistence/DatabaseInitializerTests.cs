using System.Collections.Concurrent;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>Start-up migrations: on a file an app was killed on while it held EF Core's migration lock, and on a fresh database.</summary>
public sealed class DatabaseInitializerTests : IDisposable
{
    // A hang is the failure here; a healthy start-up migrates in a few seconds even on a busy machine.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-initializer-{Guid.NewGuid():N}.db");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task ApplyMigrations_LockLeftByKilledAppAndNothingPending_ReturnsWithoutWaiting()
    {
        await using var db = Context();
        await db.GetService<IMigrator>().MigrateAsync();
        await LeaveLockAsync(db);

        await DatabaseInitializer.ApplyMigrationsAsync(db).WaitAsync(Deadline);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task ApplyMigrations_LockLeftByKilledAppAndMigrationsPending_AppliesThem()
    {
        // Killed inside the first start: the lock is there, no migration is.
        await using var db = Context();
        await LeaveLockAsync(db);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());

        await DatabaseInitializer.ApplyMigrationsAsync(db).WaitAsync(Deadline);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task ApplyMigrations_FreshDatabase_MigratesWithoutLoggingAnError()
    {
        // A first start must not log a failure (Npgsql reads the missing history table and logs it, npgsql/efcore.pg#3407).
        var errors = new ConcurrentQueue<string>();
        var postgreSql = TestProvider.Current == DatabaseProvider.PostgreSql ? TestProvider.CreateUnmigratedPostgreSqlDatabase() : null;
        try
        {
            await using var db = ContextFor(postgreSql ?? SqliteFile(_path), logErrors: errors.Enqueue);

            await DatabaseInitializer.ApplyMigrationsAsync(db).WaitAsync(Deadline);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
        }
        finally
        {
            if (postgreSql is not null)
            {
                TestProvider.DropUnmigratedPostgreSqlDatabase(postgreSql);
            }
        }
    }

    [Fact]
    public async Task HasPendingMigrations_FreshThenMigratedThenHistoryRowMissing_AgreesWithEfCore()
    {
        await using var db = Context();
        Assert.True(await DatabaseInitializer.HasPendingMigrationsAsync(db));

        await db.GetService<IMigrator>().MigrateAsync();
        Assert.False(await DatabaseInitializer.HasPendingMigrationsAsync(db));

        // A later migration the database has not had: its id is in the assembly, not in the history table.
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{HistoryRepository.DefaultTableName}\"");
        Assert.True(await DatabaseInitializer.HasPendingMigrationsAsync(db));
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public void KnownMigrations_EachProvider_AreEfCoresMigrationsInOrder()
    {
        // Start-up decides "nothing pending" from this list without a context: it must be exactly EF Core's.
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            Assert.Equal(MigrationsOf(provider), DatabaseInitializer.KnownMigrations(provider));
        }
    }

    [Fact]
    public void MigrationScript_EachProvider_ListsExactlyTheAssemblysMigrations()
    {
        // A stale script would not be used (a fresh start would fall back to Migrate): test.sh regenerates it.
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var script = MigrationScript.Read(provider);
            Assert.NotNull(script);
            Assert.Equal(MigrationsOf(provider), MigrationScript.MigrationIds(script));
        }
    }

    [Fact]
    public async Task ApplyMigrations_FreshDatabase_SameSchemaAsEfCoreMigrate()
    {
        var postgreSql = TestProvider.Current == DatabaseProvider.PostgreSql;
        var scripted = postgreSql ? TestProvider.CreateUnmigratedPostgreSqlDatabase() : SqliteFile(_path);
        var migrated = postgreSql ? TestProvider.CreateUnmigratedPostgreSqlDatabase() : SqliteFile(_path + ".migrated.db");
        try
        {
            await using (var db = ContextFor(scripted))
            {
                await DatabaseInitializer.ApplyMigrationsAsync(db).WaitAsync(Deadline);
                Assert.False(await DatabaseInitializer.HasPendingMigrationsAsync(db));
            }
            await using (var db = ContextFor(migrated))
            {
                await db.GetService<IMigrator>().MigrateAsync();
            }

            Assert.Equal(await SchemaAsync(migrated), await SchemaAsync(scripted));
        }
        finally
        {
            if (postgreSql)
            {
                TestProvider.DropUnmigratedPostgreSqlDatabase(scripted);
                TestProvider.DropUnmigratedPostgreSqlDatabase(migrated);
            }
            else
            {
                File.Delete(_path + ".migrated.db");
            }
        }
    }

    private static string SqliteFile(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    /// <summary>A context on <paramref name="connectionString"/> of <paramref name="provider"/> (the tests' provider unless given).</summary>
    private static AdminCenterDbContext ContextFor(string connectionString, DatabaseProvider? provider = null, Action<string>? logErrors = null)
    {
        var on = provider ?? TestProvider.Current;
        var options = new DbContextOptionsBuilder<AdminCenterDbContext>();
        if (on == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(connectionString);
        }
        else
        {
            options.UseSqlite(connectionString);
        }
        if (logErrors is not null)
        {
            options.LogTo(logErrors, Microsoft.Extensions.Logging.LogLevel.Error);
        }
        return AdminCenterDbContexts.Create(on, options.Options);
    }

    private static List<string> MigrationsOf(DatabaseProvider provider)
    {
        using var db = ContextFor(provider == DatabaseProvider.PostgreSql ? "Host=localhost" : "Data Source=:memory:", provider);
        return db.Database.GetMigrations().ToList();
    }

    /// <summary>
    /// Every table, column, index, constraint, trigger and function definition, and the history rows, as text; not SQLite's
    /// __EFMigrationsLock, the (empty) table EF Core's Migrate locks with.
    /// </summary>
    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        await using var db = ContextFor(connectionString);
        var sql = TestProvider.Current == DatabaseProvider.PostgreSql
            ? """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || coalesce(collation_name, '') AS "Value" FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              UNION ALL SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
              UNION ALL SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p WHERE pronamespace = 'public'::regnamespace AND prokind = 'f'
              UNION ALL SELECT 'collation ' || collname || ' ' || collprovider::text || ' ' || collisdeterministic::text FROM pg_collation WHERE collnamespace = 'public'::regnamespace
              UNION ALL SELECT 'migration ' || "MigrationId" FROM "__EFMigrationsHistory"
              """
            : """
              SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') AS "Value" FROM sqlite_master WHERE name <> '__EFMigrationsLock'
              UNION ALL SELECT 'migration ' || "MigrationId" FROM "__EFMigrationsHistory"
              """;
        var rows = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private AdminCenterDbContext Context() => ContextFor(SqliteFile(_path), DatabaseProvider.Sqlite);

    // What EF Core's SQLite history repository writes to take the lock; a finished Migrate deletes the row, a killed one cannot.
    private static Task<int> LeaveLockAsync(AdminCenterDbContext db) => db.Database.ExecuteSqlRawAsync("""
        CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
        INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 08:54:05.8175482+00:00');
        """);
}
