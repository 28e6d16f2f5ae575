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
            var options = new DbContextOptionsBuilder<AdminCenterDbContext>();
            if (postgreSql is null)
            {
                options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
            }
            else
            {
                options.UseNpgsql(postgreSql);
            }
            options.LogTo(errors.Enqueue, Microsoft.Extensions.Logging.LogLevel.Error);
            await using var db = AdminCenterDbContexts.Create(TestProvider.Current, options.Options);

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

    private AdminCenterDbContext Context() => new(new DbContextOptionsBuilder<AdminCenterDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString()).Options);

    // What EF Core's SQLite history repository writes to take the lock; a finished Migrate deletes the row, a killed one cannot.
    private static Task<int> LeaveLockAsync(AdminCenterDbContext db) => db.Database.ExecuteSqlRawAsync("""
        CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
        INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 08:54:05.8175482+00:00');
        """);
}
