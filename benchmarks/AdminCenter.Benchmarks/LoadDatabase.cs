using System.Data.Common;
using System.Globalization;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminCenter.Benchmarks;

/// <summary>The database the load scenarios run on.</summary>
public enum LoadProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Options of <c>-- load</c>: <c>--provider Sqlite|PostgreSQL</c> (default Sqlite), <c>--connection "&lt;Npgsql connection string&gt;"</c>
/// (PostgreSQL only; default the ADMINCENTER_TEST_POSTGRES variable the throwaway cluster script exports; a fresh
/// database is created on that server and dropped at the end), <c>--registrations N</c> (default 100,000; 1,000,000 for
/// the tenant-scale figures; smaller while iterating), <c>--scenarios all|status|reevaluation</c> (default all; <c>status</c> seeds a
/// tenant with mixed outcomes and threat levels and times only the App protection status report; <c>reevaluation</c> times
/// only re-evaluation, with the process's working-set growth during each pass, beside its raw-storage baseline).
/// </summary>
public sealed record LoadOptions(LoadProvider Provider, string? Connection, int Registrations, bool StatusOnly = false, bool ReevaluationOnly = false)
{
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var provider = LoadProvider.Sqlite;
        string? connection = null;
        var registrations = 100_000;
        var statusOnly = false;
        var reevaluationOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--provider":
                    provider = value.ToUpperInvariant() switch
                    {
                        "SQLITE" => LoadProvider.Sqlite,
                        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => LoadProvider.PostgreSql,
                        _ => throw new ArgumentException($"Unknown provider '{value}': use Sqlite or PostgreSQL."),
                    };
                    i++;
                    break;
                case "--connection":
                    connection = value;
                    i++;
                    break;
                case "--registrations":
                    registrations = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1000
                        ? count
                        : throw new ArgumentException($"--registrations needs a whole number of at least 1000 (got '{value}').");
                    i++;
                    break;
                case "--scenarios":
                    statusOnly = value switch
                    {
                        "all" => false,
                        "status" => true,
                        "reevaluation" => false,
                        _ => throw new ArgumentException($"Unknown scenarios '{value}': use all, status or reevaluation."),
                    };
                    reevaluationOnly = value == "reevaluation";
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (provider == LoadProvider.PostgreSql)
        {
            connection ??= Environment.GetEnvironmentVariable("ADMINCENTER_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new ArgumentException("PostgreSQL needs --connection \"Host=...;Port=...;Username=...;Database=...\" (or ADMINCENTER_TEST_POSTGRES).");
            }
        }
        return new LoadOptions(provider, connection, registrations, statusOnly, reevaluationOnly);
    }
}

/// <summary>
/// A fresh database for one load run: a SQLite file in a temporary directory, or a new database on the given PostgreSQL
/// server. Knows the app settings that select it and the provider's housekeeping between scenarios.
/// </summary>
public sealed class LoadDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _serverConnection;
    private readonly string? _databaseName;

    private LoadDatabase(LoadProvider provider, string connectionString, string? directory, string? serverConnection, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        _serverConnection = serverConnection;
        _databaseName = databaseName;
    }

    public LoadProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The value of <c>Database:Provider</c> the app reads (spec 08).</summary>
    public string ProviderSetting => Provider == LoadProvider.PostgreSql ? "PostgreSQL" : "Sqlite";

    public string Description => Provider == LoadProvider.PostgreSql
        ? $"PostgreSQL (database {_databaseName} on {new NpgsqlConnectionStringBuilder(ConnectionString).Host}:{new NpgsqlConnectionStringBuilder(ConnectionString).Port})"
        : "SQLite (a fresh file in WAL mode)";

    public static async Task<LoadDatabase> CreateAsync(LoadOptions options)
    {
        if (options.Provider == LoadProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "admincenter-load-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new LoadDatabase(LoadProvider.Sqlite, $"Data Source={Path.Combine(directory, "admincenter.db")}", directory, null, null);
        }
        var name = "admincenter_load_" + Guid.NewGuid().ToString("N")[..12];
        await using (var server = new NpgsqlConnection(options.Connection))
        {
            await server.OpenAsync();
            await using var create = server.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(options.Connection) { Database = name }.ConnectionString;
        return new LoadDatabase(LoadProvider.PostgreSql, connection, null, options.Connection, name);
    }

    /// <summary>
    /// Between scenarios: SQLite folds its write-ahead log back into the file; PostgreSQL vacuums the dead row versions
    /// the last scenario left (re-evaluation rewrites every row) and checkpoints. Either way one scenario's backlog is
    /// not paid by the next one.
    /// </summary>
    public async Task HousekeepAsync(AdminCenterDbContext db)
    {
        if (Provider == LoadProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            return;
        }
        // VACUUM refuses to run inside a transaction block, so each statement on its own.
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE);");
        await db.Database.ExecuteSqlRawAsync("CHECKPOINT;");
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == LoadProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            // ADMINCENTER_LOAD_KEEP=1 keeps the file for a look at its query plans (sqlite3 admincenter.db).
            if (Environment.GetEnvironmentVariable("ADMINCENTER_LOAD_KEEP") == "1")
            {
                Console.WriteLine($"Kept {_directory}");
                return;
            }
            Directory.Delete(_directory!, recursive: true);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(_serverConnection);
        await server.OpenAsync();
        await using var drop = server.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Before the seed's bulk inserts, in their transaction. On PostgreSQL the DirectoryVersion triggers fire once per
    /// INSERT statement, and the seed inserts 200,000 user and membership rows one statement each: 200,000 updates of one
    /// row in one transaction, each walking the row's ever longer chain of versions (the seed did not finish in 5 minutes).
    /// Replica mode skips triggers (and foreign-key checks) for this transaction; <see cref="EndBulkSeedAsync"/> bumps
    /// the version once. Needs a superuser, as the throwaway cluster's postgres is.
    /// </summary>
    public async Task BeginBulkSeedAsync(DbConnection connection, DbTransaction transaction)
    {
        if (Provider == LoadProvider.Sqlite)
        {
            // The seed is one transaction: with the app's 128 MiB page cache, a million rows' random-key index pages spill
            // to the WAL again and again (1.2 GB of WAL and no end in sight after 8 minutes). A cache that holds every
            // dirty page writes each once, at commit. For this connection only; RestoreCacheAsync undoes it.
            await using var cache = connection.CreateCommand();
            cache.Transaction = transaction;
            cache.CommandText = "PRAGMA cache_size=-4000000";
            await cache.ExecuteNonQueryAsync();
        }
        if (Provider == LoadProvider.PostgreSql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SET LOCAL session_replication_role = replica";
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>After the seed's commit: the app's own page cache again on SQLite (<see cref="BeginBulkSeedAsync"/>).</summary>
    public async Task RestoreCacheAsync(DbConnection connection)
    {
        if (Provider == LoadProvider.Sqlite)
        {
            await using var cache = connection.CreateCommand();
            cache.CommandText = "PRAGMA cache_size=-131072";
            await cache.ExecuteNonQueryAsync();
        }
    }

    /// <summary>After the seed's bulk inserts: one DirectoryVersion bump for them all, as the triggers would have made.</summary>
    public static async Task EndBulkSeedAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE \"DirectoryVersion\" SET \"Version\" = \"Version\" + 1";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>PostgreSQL's settings that decide what a commit costs, for the report (the throwaway cluster turns fsync off).</summary>
    public async Task<string> DurabilitySettingsAsync(DbConnection connection)
    {
        if (Provider == LoadProvider.Sqlite)
        {
            return "SQLite: journal_mode=WAL, synchronous=NORMAL (the app's pragmas)";
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes'), current_setting('shared_buffers')";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}: fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, full_page_writes={reader.GetString(3)}, shared_buffers={reader.GetString(4)}";
    }
}
