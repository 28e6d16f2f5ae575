using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>
/// The health-report writer and the re-evaluation pass leave copying the SQLite write-ahead log into the database to
/// <see cref="WalCheckpointer"/>, on its own connection. A file database in WAL mode, whatever provider the suite runs on.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-checkpoint-{Guid.NewGuid():N}.db");
    private readonly IDbContextFactory<AdminCenterDbContext> _factory;

    public WalCheckpointerTests() =>
        _factory = new Factory($"Data Source={_path}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    [Fact]
    public async Task CheckpointAsync_RowsOnlyInTheLog_CopiesThemIntoTheDatabaseFile()
    {
        await using var writer = await _factory.CreateDbContextAsync();
        await writer.Database.OpenConnectionAsync();
        // As the health-report writer: its commits leave the log to the checkpointer.
        await writer.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;");
        await writer.Database.ExecuteSqlRawAsync("""CREATE TABLE "Rows" ("Value" TEXT NOT NULL)""");
        await writer.Database.ExecuteSqlRawAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO "Rows" SELECT printf('%0200d', i) FROM n
            """);
        var before = new FileInfo(_path).Length;

        var left = await new WalCheckpointer(_factory, NullLogger<WalCheckpointer>.Instance).CheckpointAsync();

        Assert.Equal(0, left);
        // 2,000 rows of 200 characters are about 100 pages: in the database file now, not only in the log.
        Assert.True(new FileInfo(_path).Length >= before + (100 * 4096), $"The database file grew from {before} to {new FileInfo(_path).Length} bytes.");
        await using var reader = await _factory.CreateDbContextAsync();
        Assert.Equal(2000, await reader.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "Rows" """).SingleAsync());
    }

    [Fact]
    public async Task CheckpointAsync_DatabaseNotInWalMode_NothingLeft()
    {
        var inMemory = new Factory("Data Source=:memory:");

        Assert.Equal(0, await new WalCheckpointer(inMemory, NullLogger<WalCheckpointer>.Instance).CheckpointAsync());
    }

    [Fact]
    public async Task ReevaluateAllAsync_OnSqlite_LeavesTheLogToTheCheckpointer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var factory = new Factory(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        var now = clock.GetUtcNow().UtcDateTime;
        var users = new List<string>();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            for (var u = 0; u < 300; u++)
            {
                var upn = $"checkpoint.{u}@contoso.com";
                var user = DirectoryUser.Create(upn, upn, accountEnabled: true, now);
                db.DirectoryUsers.Add(user);
                users.Add(user.Id);
                var registration = MamRegistration.Enroll(user.Id, upn, WindowsPolicyDraft.EdgeAppId, Guid.NewGuid().ToString(), now);
                registration.CheckIn(new MamDeviceInfo("LAPTOP", "Surface", "Microsoft", "10.0.19045.1000", "131.0", "1.0"), now);
                registration.SetEvaluation(EvaluationOutcome.Allow, "", 0, now);
                db.MamRegistrations.Add(registration);
            }
            await db.SaveChangesAsync();
        }
        var group = (await new GroupService(factory, clock, NullLogger<GroupService>.Instance)
            .CreateGroupAsync(new GroupInput("Old Windows", null), users, actor: TestActors.System)).Value!;
        Assert.True((await new AppProtectionPolicyService(factory, clock, NullLogger<AppProtectionPolicyService>.Instance).CreateAsync(PolicyTemplates.Blank() with
        {
            DisplayName = "Min OS",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22621.2506", HealthCheckAction.Block)],
            IncludedGroupIds = [group.Id],
        }, TestActors.Named("admin"))).Succeeded);
        // The last connection to close copies the log itself; the app's pool keeps connections open, and so does this one.
        await using var open = factory.CreateDbContext();
        await open.Database.OpenConnectionAsync();
        var checkpointer = new WalCheckpointer(factory, NullLogger<WalCheckpointer>.Instance);
        Assert.Equal(0, await checkpointer.CheckpointAsync());
        var before = new FileInfo(_path).Length;

        var changed = await new RegistrationReevaluator(factory, clock, checkpointer: checkpointer).ReevaluateAllAsync();

        // 300 blocked outcomes and their history rows, only in the log so far: the pass did not copy it itself.
        Assert.Equal(300, changed);
        Assert.Equal(before, new FileInfo(_path).Length);
        // The request the pass made waits for the checkpointer's loop, which copies the log on its own connection.
        await checkpointer.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => new FileInfo(_path).Length > before);
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token); // a polling interval: the loop ends on the state
        }
    }

    private sealed class Factory(string connectionString) : IDbContextFactory<AdminCenterDbContext>
    {
        private readonly DbContextOptions<AdminCenterDbContext> _options = (DbContextOptions<AdminCenterDbContext>)new DbContextOptionsBuilder<AdminCenterDbContext>()
            .UseAdminCenterDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString))
            .Options;

        public AdminCenterDbContext CreateDbContext() => new(_options);
    }
}
