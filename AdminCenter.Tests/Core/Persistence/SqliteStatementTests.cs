using System.Globalization;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>
/// The health-report path steps some SQLite statements directly. What it writes must read back and compare exactly as
/// what Microsoft.Data.Sqlite and EF Core write ("newer report wins" compares stored dates as text), and its failures must
/// surface as the same <see cref="SqliteException"/> the rest of the app handles.
/// </summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = """CREATE TABLE "Rows" ("Id" TEXT PRIMARY KEY, "Number" INTEGER NOT NULL, "Note" TEXT NULL, "When" TEXT NULL)""";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    public static TheoryData<string> Dates => new()
    {
        "2026-12-05T06:24:33.1234567Z",
        "2026-12-05T06:24:33.1200000Z",
        "2026-12-05T06:24:33Z",
        "2026-01-01T00:00:00Z",
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Bind_Date_StoresTheTextMicrosoftDataSqliteBinds(string iso)
    {
        var date = DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        using (var statement = new SqliteStatement(_connection, """INSERT INTO "Rows" ("Id", "Number", "When") VALUES ('raw', 1, ?1)"""))
        {
            statement.Bind(1, date);
            statement.Execute();
        }
        using var insert = _connection.CreateCommand();
        insert.CommandText = """INSERT INTO "Rows" ("Id", "Number", "When") VALUES ('provider', 1, @when)""";
        insert.Parameters.AddWithValue("@when", date);
        insert.ExecuteNonQuery();

        using var read = _connection.CreateCommand();
        read.CommandText = """SELECT "When" FROM "Rows" ORDER BY "Id" """;
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read());
        var byProvider = reader.GetString(0);
        Assert.True(reader.Read());
        Assert.Equal(byProvider, reader.GetString(0));
    }

    [Theory]
    [MemberData(nameof(Dates))]
    public void GetUtcDateTime_DateStoredByProvider_SameInstantMarkedUtc(string iso)
    {
        var date = DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        using var insert = _connection.CreateCommand();
        insert.CommandText = """INSERT INTO "Rows" ("Id", "Number", "When") VALUES ('a', 1, @when)""";
        insert.Parameters.AddWithValue("@when", date);
        insert.ExecuteNonQuery();

        using var statement = new SqliteStatement(_connection, """SELECT "When" FROM "Rows" """);
        Assert.True(statement.Read());
        var read = statement.GetUtcDateTime(0);

        Assert.Equal(date, read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
    }

    [Fact]
    public void Read_NullAndTextAndNumbers_ReadAsStored()
    {
        Execute("""INSERT INTO "Rows" ("Id", "Number", "Note") VALUES ('é ü 日本', 5000000000, NULL)""");

        using var statement = new SqliteStatement(_connection, """SELECT "Id", "Number", "Note" FROM "Rows" """);

        Assert.True(statement.Read());
        Assert.Equal("é ü 日本", statement.GetString(0));
        Assert.Equal(5_000_000_000L, statement.GetInt64(1));
        Assert.Null(statement.GetString(2));
        Assert.False(statement.Read());
    }

    [Fact]
    public void Execute_BoundAgain_RunsWithTheNewValuesAndCountsChangedRows()
    {
        Execute("""INSERT INTO "Rows" ("Id", "Number") VALUES ('a', 1), ('b', 1)""");
        using var update = new SqliteStatement(_connection, """UPDATE "Rows" SET "Number" = ?2, "Note" = ?3 WHERE "Id" = ?1""");

        update.Bind(1, "a");
        update.Bind(2, 7);
        update.Bind(3, new string('x', 1000));
        var first = update.Execute();
        update.Bind(1, "missing");
        var second = update.Execute();
        update.Bind(1, "b");
        update.Bind(3, (string?)null);
        var third = update.Execute();

        Assert.Equal([1, 0, 1], [first, second, third]);
        using var read = new SqliteStatement(_connection, """SELECT "Id", "Number", "Note" FROM "Rows" ORDER BY "Id" """);
        Assert.True(read.Read());
        Assert.Equal(("a", 7L, new string('x', 1000)), (read.GetString(0), read.GetInt64(1), read.GetString(2)));
        Assert.True(read.Read());
        Assert.Equal(("b", 7L, (string?)null), (read.GetString(0), read.GetInt64(1), read.GetString(2)));
    }

    [Fact]
    public void Execute_UniqueKeyTaken_ThrowsTheProvidersUniqueViolation()
    {
        Execute("""INSERT INTO "Rows" ("Id", "Number") VALUES ('a', 1)""");
        using var insert = new SqliteStatement(_connection, """INSERT INTO "Rows" ("Id", "Number") VALUES (?1, 1)""");
        insert.Bind(1, "a");

        var failure = Assert.Throws<SqliteException>(() => insert.Execute());

        Assert.True(SqlDialect.IsUniqueViolation(failure));
        // The statement is reset after the failure and runs again.
        insert.Bind(1, "b");
        Assert.Equal(1, insert.Execute());
    }

    [Fact]
    public void Constructor_InvalidSql_ThrowsSqliteException()
    {
        Assert.Throws<SqliteException>(() => new SqliteStatement(_connection, """SELECT FROM nowhere"""));
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
