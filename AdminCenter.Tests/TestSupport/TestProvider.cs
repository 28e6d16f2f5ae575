using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// Which database the tests run on: SQLite (the default), or PostgreSQL when <c>ADMINCENTER_TEST_PROVIDER=PostgreSQL</c>
/// and <c>ADMINCENTER_TEST_POSTGRES</c> holds a connection string to a server the tests may create databases on (test.sh
/// starts a throwaway one). On PostgreSQL each test database is a copy of one migrated template, made per test run.
/// </summary>
public static class TestProvider
{
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    // CREATE DATABASE ... TEMPLATE refuses while another session copies the same template.
    private static readonly SemaphoreSlim CopyLock = new(1, 1);

    public static DatabaseProvider Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable("ADMINCENTER_TEST_PROVIDER"), "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    private static string Server => Environment.GetEnvironmentVariable("ADMINCENTER_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ADMINCENTER_TEST_PROVIDER=PostgreSQL needs ADMINCENTER_TEST_POSTGRES (an Npgsql connection string); test.sh sets both.");

    /// <summary>A new, migrated PostgreSQL database; returns its connection string (pooling off: tests make thousands).</summary>
    public static string CreatePostgreSqlDatabase()
    {
        var name = $"admincenter_test_{Guid.NewGuid():N}";
        CopyLock.Wait();
        try
        {
            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        }
        finally
        {
            CopyLock.Release();
        }
        return ConnectionStringFor(name);
    }

    public static void DropPostgreSqlDatabase(string connectionString) =>
        Execute($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");

    private static string CreateTemplate()
    {
        var name = $"admincenter_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        Execute($"DROP DATABASE IF EXISTS \"{name}\"");
        Execute($"CREATE DATABASE \"{name}\"");
        var options = new DbContextOptionsBuilder<AdminCenterDbContext>().UseNpgsql(ConnectionStringFor(name)).Options;
        using (var db = AdminCenterDbContexts.Create(DatabaseProvider.PostgreSql, options))
        {
            db.Database.Migrate();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        return name;
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = false }.ToString();

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
