using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace AdminCenter.Core.Persistence;

/// <summary>The database engines AdminCenter runs on (spec 08).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Which database and where, read once at start-up from <c>Database__Provider</c> (<c>Sqlite</c>, the default, or
/// <c>PostgreSQL</c>) and <c>ConnectionStrings__AdminCenter</c> in that provider's form.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";

    public const string ConnectionStringName = "AdminCenter";

    /// <summary>
    /// Reads the settings. A SQLite data source defaults to <c>data/admincenter.db</c> and a relative one is resolved
    /// against the content root; PostgreSQL needs its connection string. Throws <see cref="DatabaseConfigurationException"/>
    /// with a one-line message an operator can act on.
    /// </summary>
    public static DatabaseSettings Resolve(IConfiguration configuration, string contentRootPath)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return provider switch
        {
            DatabaseProvider.PostgreSql when string.IsNullOrWhiteSpace(connectionString) => throw new DatabaseConfigurationException(
                "Database__Provider is PostgreSQL but ConnectionStrings__AdminCenter is not set: give it as Host=...;Port=...;Database=...;Username=...;Password=..."),
            DatabaseProvider.PostgreSql => new(provider, connectionString!),
            _ => new(provider, ResolveSqlite(connectionString, contentRootPath).ToString()),
        };
    }

    /// <summary>The SQLite file, or null on PostgreSQL or for an in-memory database.</summary>
    public string? SqliteFile =>
        Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(ConnectionString) is { DataSource: { Length: > 0 } file } builder
            && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            ? file
            : null;

    /// <summary>A new, closed connection of the provider, outside EF Core (start-up's plain reads, the key ring).</summary>
    public DbConnection CreateConnection() => Provider == DatabaseProvider.PostgreSql
        ? new Npgsql.NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString);

    private static DatabaseProvider ParseProvider(string? value) => value?.Trim() switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var name when name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || name.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            => DatabaseProvider.PostgreSql,
        var name => throw new DatabaseConfigurationException($"Database__Provider \"{name}\" is not supported: use Sqlite (the default) or PostgreSQL."),
    };

    private static SqliteConnectionStringBuilder ResolveSqlite(string? connectionString, string contentRootPath)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString ?? $"Data Source={Path.Combine("data", "admincenter.db")}");
        }
        catch (ArgumentException e)
        {
            throw new DatabaseConfigurationException($"ConnectionStrings__AdminCenter is not a SQLite connection string: {e.Message}");
        }
        if (builder.DataSource is { Length: > 0 } dataSource && dataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(dataSource, contentRootPath);
        }
        return builder;
    }
}

/// <summary>The database is misconfigured or unreachable: start-up stops with this message alone (spec 08).</summary>
public sealed class DatabaseConfigurationException(string message, Exception? innerException = null) : Exception(message, innerException);
