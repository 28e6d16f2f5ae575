using System.Collections.Concurrent;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// Which database the tests run on: SQLite (the default), or PostgreSQL when <c>ADMINCENTER_TEST_PROVIDER=PostgreSQL</c>
/// and <c>ADMINCENTER_TEST_POSTGRES</c> holds a connection string to a server the tests may create databases on (test.sh
/// starts a throwaway one). On PostgreSQL a test rents a migrated database and gives it back emptied: copying a template
/// takes most of a second here, emptying one about 50 ms, and thousands of tests rent one.
/// </summary>
public static class TestProvider
{
    private const string SeedSchema = "admincenter_test_seed";

    private static readonly Lazy<Template> MigratedTemplate = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    // Oldest first, so a database given back is reused as late as possible.
    private static readonly ConcurrentQueue<string> Returned = new();

    // Given out and not yet back: a second Dispose of the same owner must not give a database back twice.
    private static readonly ConcurrentDictionary<string, byte> Rented = new();

    // CREATE DATABASE ... TEMPLATE refuses while another session copies the same template.
    private static readonly SemaphoreSlim CopyLock = new(1, 1);

    public static DatabaseProvider Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable("ADMINCENTER_TEST_PROVIDER"), "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    private static string Server => Environment.GetEnvironmentVariable("ADMINCENTER_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ADMINCENTER_TEST_PROVIDER=PostgreSQL needs ADMINCENTER_TEST_POSTGRES (an Npgsql connection string); test.sh sets both.");

    /// <summary>An empty, migrated PostgreSQL database of this test's own; its connection string (pooled; the pool is cleared when it is given back).</summary>
    public static string CreatePostgreSqlDatabase()
    {
        var template = MigratedTemplate.Value;
        if (Returned.TryDequeue(out var reused))
        {
            Rented[reused] = 0;
            return reused;
        }
        var name = $"admincenter_test_{Guid.NewGuid():N}";
        CopyLock.Wait();
        try
        {
            Execute(Server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template.Name}\"");
        }
        finally
        {
            CopyLock.Release();
        }
        var created = ConnectionStringFor(name);
        Rented[created] = 0;
        return created;
    }

    /// <summary>A PostgreSQL database with no schema at all, as a first start finds it; drop it with <see cref="DropUnmigratedPostgreSqlDatabase"/>.</summary>
    public static string CreateUnmigratedPostgreSqlDatabase()
    {
        var name = $"admincenter_unmigrated_{Guid.NewGuid():N}";
        Execute(Server, $"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    public static void DropUnmigratedPostgreSqlDatabase(string connectionString) =>
        Execute(Server, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");

    /// <summary>
    /// Gives the database back: emptied to its migrated state for the next test, or dropped when something may still use it
    /// (a session of a background service) or a test changed its schema (a trigger of its own).
    /// </summary>
    public static void DropPostgreSqlDatabase(string connectionString)
    {
        if (!Rented.TryRemove(connectionString, out _))
        {
            return;
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        try
        {
            if (Scalar(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") == 0
                && Scalar(connectionString, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname NOT LIKE 'DirectoryVersion%'") == 0)
            {
                Execute(connectionString, MigratedTemplate.Value.EmptySql);
                Returned.Enqueue(connectionString);
                return;
            }
        }
        catch (PostgresException)
        {
            // Dropped below instead.
        }
        Execute(Server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private sealed record Template(string Name, string EmptySql);

    private static Template CreateTemplate()
    {
        var name = $"admincenter_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        Execute(Server, $"CREATE DATABASE \"{name}\"");
        // Not pooled: CREATE DATABASE ... TEMPLATE refuses while any session, even an idle pooled one, is on the template.
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ToString();
        using (var db = AdminCenterDbContexts.Create(DatabaseProvider.PostgreSql, new DbContextOptionsBuilder<AdminCenterDbContext>().UseNpgsql(connectionString).Options))
        {
            db.Database.Migrate();
        }
        // Rows the migration seeds are kept aside, so emptying a database can put them back.
        var tables = Strings(connectionString, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' ORDER BY tablename");
        var seeded = tables.Where(t => Scalar(connectionString, $"SELECT count(*) FROM \"{t}\"") > 0).ToList();
        Execute(connectionString, $"CREATE SCHEMA {SeedSchema};" + string.Concat(seeded.Select(t => $"CREATE TABLE {SeedSchema}.\"{t}\" AS TABLE \"{t}\";")));
        var emptySql =
            "SET session_replication_role = replica;" +
            string.Concat(tables.Select(t => $"DELETE FROM \"{t}\";")) +
            string.Concat(seeded.Select(t => $"INSERT INTO \"{t}\" SELECT * FROM {SeedSchema}.\"{t}\";")) +
            "SELECT setval(c.oid::regclass, 1, false) FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace;" +
            "SET session_replication_role = DEFAULT;";
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll(name);
        return new Template(name, emptySql);
    }

    private static void DropAll(string template)
    {
        while (Returned.TryDequeue(out var connectionString))
        {
            Execute(Server, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
        }
        Execute(Server, $"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
    }

    // Pooled: without a pool every DbContext of the app under test opens a new server process, which made the PostgreSQL
    // pass about nine times slower than SQLite. The pool is cleared when the database is given back.
    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = true }.ToString();

    private static void Execute(string connectionString, string sql)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(string connectionString, string sql)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
