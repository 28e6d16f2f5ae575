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

/// <summary>Which load scenarios a run measures (<c>--scenarios</c>).</summary>
public enum LoadScenarioSet
{
    All,
    Status,
    Reevaluation,
    Batches,
    Soak,
}

/// <summary>
/// Options of <c>-- load</c>: <c>--provider Sqlite|PostgreSQL</c> (default Sqlite), <c>--connection "&lt;Npgsql connection string&gt;"</c>
/// (PostgreSQL only; default the ADMINCENTER_TEST_POSTGRES variable the throwaway cluster script exports; a fresh
/// database is created on that server and dropped at the end), <c>--registrations N</c> (default 100,000; 1,000,000 for
/// the tenant-scale figures; smaller while iterating), <c>--scenarios all|status|reevaluation|batches|soak</c> (default all;
/// <c>status</c> seeds a tenant with mixed outcomes and threat levels and times only the App protection status report;
/// <c>reevaluation</c> times only re-evaluation, with the process's working-set growth during each pass, beside its
/// raw-storage baseline; <c>batches</c> times only health-report batches, round 0, warm-up rounds until the JIT settles, then the ingestion baseline and
/// three steady-state rounds, each beside the baseline; <c>soak</c> runs the app as its own process under a steady mix of check-ins and report batches
/// and samples its memory, see <c>LoadScenarios.Soak.cs</c>), <c>--minutes N</c> (the soak's length, default 5).
/// </summary>
public sealed record LoadOptions(LoadProvider Provider, string? Connection, int Registrations, LoadScenarioSet Scenarios = LoadScenarioSet.All, int Minutes = 5)
{
    public bool StatusOnly => Scenarios == LoadScenarioSet.Status;

    public bool ReevaluationOnly => Scenarios == LoadScenarioSet.Reevaluation;

    public bool BatchesOnly => Scenarios == LoadScenarioSet.Batches;

    public bool Soak => Scenarios == LoadScenarioSet.Soak;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var provider = LoadProvider.Sqlite;
        string? connection = null;
        var registrations = 100_000;
        var scenarios = LoadScenarioSet.All;
        var minutes = 5;
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
                    scenarios = value.ToUpperInvariant() switch
                    {
                        "ALL" or "DEFAULT" => LoadScenarioSet.All,
                        "STATUS" => LoadScenarioSet.Status,
                        "REEVALUATION" => LoadScenarioSet.Reevaluation,
                        "BATCHES" => LoadScenarioSet.Batches,
                        "SOAK" => LoadScenarioSet.Soak,
                        _ => throw new ArgumentException($"Unknown scenarios '{value}': use all, status, reevaluation, batches or soak."),
                    };
                    i++;
                    break;
                case "--minutes":
                    minutes = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length >= 2
                        ? length
                        : throw new ArgumentException($"--minutes needs a whole number of at least 2 (got '{value}').");
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
        return new LoadOptions(provider, connection, registrations, scenarios, minutes);
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
    /// <summary>
    /// SQLite settings of the seed's connection while it seeds (<see cref="UseSeedSettingsAsync"/>), each with why:
    /// <list type="bullet">
    /// <item><c>cache_size</c> 4 GB: the seed is one transaction; with the app's small page cache a million rows' pages
    /// spill to the WAL again and again (1.2 GB of WAL and no end in sight after 8 minutes with 128 MiB). A cache that
    /// holds every dirty page writes each once, at commit.</item>
    /// <item><c>synchronous=OFF</c>: no fsync of the 1.6 GB written at commit (nor of the WAL and its checkpoint, should
    /// the seed stay in WAL mode); a throwaway benchmark database need not survive a power cut.</item>
    /// <item><c>threads=2</c>: CREATE INDEX may sort with a helper thread (the machine has 2 cores).</item>
    /// </list>
    /// </summary>
    private static readonly (string Pragma, string Value)[] SeedSettings =
    [
        ("cache_size", "-4000000"),
        ("synchronous", "OFF"),
        ("threads", "2"),
    ];

    /// <summary>The FTS5 tables of the status search, whose rows the bulk seed writes with one 'rebuild' each.</summary>
    private static readonly string[] SearchTables = [StatusSearchIndex.RegistrationsTable];

    /// <summary>FTS5's 'hashsize' during the rebuild, in bytes: more than a million rows' trigrams take.</summary>
    private const int RebuildHashSize = 1 << 30;

    private readonly List<(string Pragma, string Value)> _connectionSettings = [];
    private string? _journalModeBefore;
    private string? _pgSchemaBefore;
    private string[]? _pgTables;
    private readonly List<(string Type, string Name, string Sql)> _deferredSchema = [];
    private string? _schemaBefore;
    private bool _sqliteFillsSearchText;

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
    /// not paid by the next one. Returns the registrations' dead row versions that PostgreSQL's VACUUM left (0 on SQLite).
    /// </summary>
    public async Task<long> HousekeepAsync(AdminCenterDbContext db)
    {
        if (Provider == LoadProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            return 0;
        }
        // The app's job leases watch their connections with DistributedLock's monitoring query, a pg_sleep of up to a
        // minute, and a running statement holds its snapshot: VACUUM kept every row version written since the sleep
        // began (all 100,000 a re-evaluation pass had just replaced), and the next scenario's reads set their hint bits
        // while measured. Cancelling the sleep is what the library itself does when it needs the connection; it sleeps
        // again on a fresh snapshot.
        await db.Database.ExecuteSqlRawAsync("""
            SELECT pg_cancel_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%pg_sleep%'
            """);
        // VACUUM refuses to run inside a transaction block, so each statement on its own.
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE);");
        await db.Database.ExecuteSqlRawAsync("CHECKPOINT;");
        return await db.Database.SqlQueryRaw<long>(
            """SELECT n_dead_tup AS "Value" FROM pg_stat_user_tables WHERE relname = 'MamRegistrations'""").SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == LoadProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            // ADMINCENTER_LOAD_KEEP=1 keeps the file (on PostgreSQL the database) for a look at its query plans.
            if (Environment.GetEnvironmentVariable("ADMINCENTER_LOAD_KEEP") == "1")
            {
                Console.WriteLine($"Kept {_directory}");
                return;
            }
            Directory.Delete(_directory!, recursive: true);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("ADMINCENTER_LOAD_KEEP") == "1")
        {
            Console.WriteLine($"Kept database {_databaseName}");
            return;
        }
        await using var server = new NpgsqlConnection(_serverConnection);
        await server.OpenAsync();
        await using var drop = server.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Before the seed's bulk inserts into <paramref name="tables"/>, in their transaction. PostgreSQL: the
    /// DirectoryVersion triggers fire once per INSERT statement, and the seed inserts 200,000 user and membership rows
    /// one statement each: 200,000 updates of one row in one transaction, each walking the row's ever longer chain of
    /// versions (the seed did not finish in 5 minutes). Replica mode skips triggers (and foreign-key checks) for this
    /// transaction; <see cref="EndBulkSeedAsync"/> bumps the version once. Needs a superuser, as the throwaway cluster's
    /// postgres is. Both: the tables' secondary indexes (and on SQLite their triggers) are dropped, to be made again from
    /// their own stored definitions by <see cref="EndBulkSeedAsync"/> (see there).
    /// </summary>
    public async Task BeginBulkSeedAsync(DbConnection connection, DbTransaction transaction, params string[] tables)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        if (Provider == LoadProvider.Sqlite)
        {
            // A bulk load's usual order: the rows first (the ids come sorted, so each row lands at the end of its table's
            // key index), then each index built once from its sorted keys and each FTS5 table rebuilt in one pass, rather
            // than a million random-key inserts into eight B-trees and a trigger per row. Autoindexes (primary keys,
            // UNIQUE constraints) have no SQL and stay. The registrations' searched text is written by their triggers: it is
            // filled in one statement by EndBulkSeedAsync, its indexes and FTS5 triggers deferred as the seeded tables' are.
            if (tables.Contains("MamRegistrations"))
            {
                tables = [.. tables, StatusSearchIndex.SqliteTextTable];
            }
            _sqliteFillsSearchText = tables.Contains(StatusSearchIndex.SqliteTextTable);
            _deferredSchema.Clear();
            _schemaBefore = await SchemaAsync(connection, transaction);
            await using (var schema = connection.CreateCommand())
            {
                schema.Transaction = transaction;
                schema.CommandText = "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ("
                    + string.Join(", ", tables.Select(t => "'" + t.Replace("'", "''", StringComparison.Ordinal) + "'")) + ") ORDER BY rowid";
                await using var reader = await schema.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    _deferredSchema.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            foreach (var (type, name, _) in _deferredSchema)
            {
                await ExecuteAsync(connection, transaction, $"DROP {(type == "index" ? "INDEX" : "TRIGGER")} \"{name}\"");
            }
        }
        if (Provider == LoadProvider.PostgreSql)
        {
            // The registrations' search table is written by their triggers, which replica mode skips: it is filled in
            // one statement by EndBulkSeedAsync, and its trigram index built after, as the seeded tables' are.
            if (tables.Contains("MamRegistrations"))
            {
                tables = [.. tables, StatusSearchIndex.RegistrationsTable];
            }
            await ExecuteAsync(connection, transaction, "SET LOCAL session_replication_role = replica");
            // The same order as on SQLite: COPY into the tables without their secondary indexes, then each index built
            // once from sorted keys (the two pg_trgm GIN indexes above all, which COPY otherwise fills entry by entry),
            // from the very definitions the migrations made. Indexes behind a constraint (primary keys, UNIQUE) stay.
            // maintenance_work_mem lets each build sort in memory; SET LOCAL ends with the transaction.
            await LockTablesAsync(connection, transaction, tables);
            _pgSchemaBefore = await PostgreSqlIndexesAsync(connection, transaction, tables);
            await ExecuteAsync(connection, transaction, "SET LOCAL maintenance_work_mem = '1GB'");
            _deferredSchema.Clear();
            await using (var indexes = connection.CreateCommand())
            {
                indexes.Transaction = transaction;
                indexes.CommandText = $"""
                    SELECT i.indexname, i.indexdef FROM pg_indexes i
                    WHERE i.schemaname = current_schema() AND i.tablename IN ({TableList(tables)})
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
                    ORDER BY i.indexname
                    """;
                await using var reader = await indexes.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    _deferredSchema.Add(("index", reader.GetString(0), reader.GetString(1)));
                }
            }
            foreach (var (_, name, _) in _deferredSchema)
            {
                await ExecuteAsync(connection, transaction, $"DROP INDEX \"{name}\"");
            }
            _pgTables = tables;
        }
    }

    /// <summary>
    /// PostgreSQL: the seeded tables locked for this transaction before their indexes are dropped. The app runs beside
    /// the seed (its start-up re-evaluation touches the registrations), and taking each table's lock only at its first
    /// DROP INDEX deadlocked with it. All locks at once, in one statement under a savepoint: if PostgreSQL still picks
    /// this transaction as a deadlock's victim, the savepoint gives the locks back and the seed tries again.
    /// </summary>
    private static async Task LockTablesAsync(DbConnection connection, DbTransaction transaction, string[] tables)
    {
        for (var attempt = 1; ; attempt++)
        {
            await ExecuteAsync(connection, transaction, "SAVEPOINT seed_locks");
            try
            {
                await ExecuteAsync(connection, transaction,
                    $"LOCK TABLE {string.Join(", ", tables.Select(t => $"\"{t}\""))} IN ACCESS EXCLUSIVE MODE");
                await ExecuteAsync(connection, transaction, "RELEASE seed_locks");
                return;
            }
            catch (PostgresException deadlock) when (deadlock.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await ExecuteAsync(connection, transaction, "ROLLBACK TO SAVEPOINT seed_locks");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>PostgreSQL: every index of <paramref name="tables"/> with its definition, in name order: the schema to compare.</summary>
    private static async Task<string> PostgreSqlIndexesAsync(DbConnection connection, DbTransaction transaction, string[] tables)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT string_agg(indexname || ' ' || indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({TableList(tables)})";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string TableList(string[] tables) => string.Join(", ", tables.Select(t => "'" + t.Replace("'", "''", StringComparison.Ordinal) + "'"));

    /// <summary>
    /// Before the seed's transaction begins (SQLite refuses to change <c>synchronous</c> inside one): the seed's
    /// connection takes <see cref="SeedSettings"/>, after the values it had are kept for <see cref="RestoreConnectionAsync"/>
    /// (the app's, from SqlitePragmas). Nothing on PostgreSQL.
    /// </summary>
    public async Task UseSeedSettingsAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Provider != LoadProvider.Sqlite)
        {
            return;
        }
        _connectionSettings.Clear();
        foreach (var (pragma, _) in SeedSettings)
        {
            _connectionSettings.Add((pragma, Convert.ToString(await ScalarAsync(connection, $"PRAGMA {pragma}"), CultureInfo.InvariantCulture)!));
        }
        foreach (var (pragma, value) in SeedSettings)
        {
            await ExecuteAsync(connection, null, $"PRAGMA {pragma}={value}");
        }
        // In WAL mode the commit writes every page of the seed (1.6 GB at a million registrations) to the WAL and the
        // checkpoint then writes each again to the database file; this machine's kernel spends about 5 s of CPU per GB
        // written (pages zeroed on allocation, then copied). With a rollback journal kept in memory every page is
        // written once, into the file, and the seed can still roll back (the journal holds the few pages that existed
        // before). WAL is a property of the file: every connection that has it open in WAL mode holds a shared lock
        // that keeps the mode from changing, so the app's idle pooled connections are closed first; if one is busy
        // after all, the seed stays in WAL mode (slower, same rows). RestoreConnectionAsync turns WAL on again.
        SqliteConnection.ClearAllPools();
        var busyTimeout = Convert.ToString(await ScalarAsync(connection, "PRAGMA busy_timeout"), CultureInfo.InvariantCulture);
        await ExecuteAsync(connection, null, "PRAGMA busy_timeout=2000");
        try
        {
            _journalModeBefore = (string)(await ScalarAsync(connection, "PRAGMA journal_mode"))!;
            var mode = (string)(await ScalarAsync(connection, "PRAGMA journal_mode=MEMORY"))!;
            if (!string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine($"  (the seed stays in journal mode {mode}: another connection has the database open)");
            }
        }
        catch (SqliteException busy) when (busy.SqliteErrorCode == SQLitePCL.raw.SQLITE_BUSY)
        {
            Console.WriteLine("  (the seed stays in WAL mode: another connection is using the database)");
        }
        finally
        {
            await ExecuteAsync(connection, null, $"PRAGMA busy_timeout={busyTimeout}");
        }
    }

    /// <summary>
    /// After the seed's commit: WAL again, and this connection's SQLite settings as they were before <see cref="UseSeedSettingsAsync"/>
    /// (the app's own pragmas), so the pooled connection the app gets back behaves like any other.
    /// </summary>
    public async Task RestoreConnectionAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // This connection's FTS5 tables keep the rebuild's 'hashsize' in memory (EndBulkSeedAsync took the stored row
        // out, so connections opened from now on read the default). It only lets one transaction's FTS5 changes wait
        // in memory longer (FTS5 writes them at every commit); clearing the pool retires the idle connections.
        SqliteConnection.ClearAllPools();
        if (_journalModeBefore is { } before)
        {
            var mode = (string)(await ScalarAsync(connection, $"PRAGMA journal_mode={before}"))!;
            if (!string.Equals(mode, before, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The database is in journal mode {mode} after the seed, not {before} as the app set it.");
            }
            _journalModeBefore = null;
        }
        foreach (var (pragma, value) in _connectionSettings)
        {
            await ExecuteAsync(connection, null, $"PRAGMA {pragma}={value}");
        }
        _connectionSettings.Clear();
    }

    /// <summary>
    /// After the seed's bulk inserts, in their transaction: one DirectoryVersion bump for them all, as the triggers would
    /// have made, and the status counters rebuilt from the registrations, which is what their triggers would have written
    /// row by row. PostgreSQL: the indexes <see cref="BeginBulkSeedAsync"/> dropped, made again from their definitions in
    /// <c>pg_indexes</c>, and the tables' indexes compared with those before. SQLite: the indexes and triggers
    /// <see cref="BeginBulkSeedAsync"/> dropped, made again from the very SQL the migrations stored (so the schema is the
    /// migrated one), and the status search's searched text filled and its FTS5 table rebuilt.
    /// </summary>
    public async Task EndBulkSeedAsync(DbConnection connection, DbTransaction transaction, Action<string> step)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(step);
        await ExecuteAsync(connection, transaction, "UPDATE \"DirectoryVersion\" SET \"Version\" = \"Version\" + 1");
        if (Provider != LoadProvider.Sqlite)
        {
            if (_pgTables?.Contains(StatusSearchIndex.RegistrationsTable) == true)
            {
                await ExecuteAsync(connection, transaction, StatusSearchIndex.PostgreSqlRebuild);
                step("search table filled");
            }
            foreach (var (_, name, sql) in _deferredSchema)
            {
                await ExecuteAsync(connection, transaction, sql);
                step($"index {name} built");
            }
            _deferredSchema.Clear();
            // Replica mode skipped the counters' triggers too.
            await ExecuteAsync(connection, transaction, StatusCounts.Rebuild);
            step("status counters rebuilt");
            if (_pgTables is { } tables && await PostgreSqlIndexesAsync(connection, transaction, tables) != _pgSchemaBefore)
            {
                throw new InvalidOperationException("The indexes after the bulk seed differ from the migrated ones.");
            }
            return;
        }
        if (_sqliteFillsSearchText)
        {
            await ExecuteAsync(connection, transaction, StatusSearchIndex.SqliteFill);
            step("search text filled");
        }
        foreach (var (_, name, sql) in _deferredSchema.Where(s => s.Type == "index"))
        {
            await ExecuteAsync(connection, transaction, sql);
            step($"index {name} built");
        }
        // FTS5 keeps the rows it is given in memory and writes them out as a new segment whenever they pass its
        // 'hashsize' (1 MB by default), then merges those segments again and again: a million rows' trigrams became
        // hundreds of segments. With room for all of them the rebuild writes each table's index once, as one segment
        // (measured with the sqlite3 shell on the 1M tenant: 5.9 s of CPU for the registrations' table, 4.1 s so).
        // The option is stored in the table's _config, so it is taken out again after the rows are written out (a
        // savepoint makes FTS5 write them); the schema check below compares those rows too.
        foreach (var search in SearchTables)
        {
            await ExecuteAsync(connection, transaction, $"INSERT INTO \"{search}\" (\"{search}\", rank) VALUES ('hashsize', {RebuildHashSize})");
        }
        await ExecuteAsync(connection, transaction, StatusSearchIndex.SqliteRebuildIndex);
        await ExecuteAsync(connection, transaction, "SAVEPOINT search_rebuilt");
        await ExecuteAsync(connection, transaction, "RELEASE search_rebuilt");
        foreach (var search in SearchTables)
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM \"{search}_config\" WHERE k = 'hashsize'");
        }
        step("search tables rebuilt");
        await ExecuteAsync(connection, transaction, StatusCounts.Rebuild);
        step("status counters rebuilt");
        foreach (var (_, _, sql) in _deferredSchema.Where(s => s.Type == "trigger"))
        {
            await ExecuteAsync(connection, transaction, sql);
        }
        _deferredSchema.Clear();
        if (await SchemaAsync(connection, transaction) != _schemaBefore)
        {
            throw new InvalidOperationException("The schema after the bulk seed differs from the migrated one.");
        }
    }

    /// <summary>
    /// Every table, index, trigger and view with its SQL, in name order, and the FTS5 tables' stored options: the
    /// schema to compare.
    /// </summary>
    private static async Task<string> SchemaAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT (SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_schema ORDER BY name))"
            + string.Concat(SearchTables.Select(search => $" || char(10) || (SELECT group_concat(k || '=' || v, ' ') FROM (SELECT * FROM \"{search}_config\" ORDER BY k))"));
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        // Building an index over a million rows takes longer than the default 30 s on a busy machine.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>PostgreSQL's settings that decide what a commit and a read cost, for the report (the throwaway cluster turns fsync off).</summary>
    public async Task<string> DurabilitySettingsAsync(DbConnection connection)
    {
        if (Provider == LoadProvider.Sqlite)
        {
            return "SQLite: journal_mode=WAL, synchronous=NORMAL (the app's pragmas)";
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes'), current_setting('shared_buffers'), current_setting('huge_pages')";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}: fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, full_page_writes={reader.GetString(3)}, shared_buffers={reader.GetString(4)}, huge_pages={reader.GetString(5)}";
    }
}
