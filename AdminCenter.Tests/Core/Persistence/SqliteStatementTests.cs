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

    [Fact]
    public void FormatStoredDate_ManyDates_SameTextAsTheProvidersFormat()
    {
        // Fractions with and without trailing zeros, none at all, the ends of the range, and 2,000 dates at random.
        var random = new Random(35);
        var dates = new List<DateTime>
        {
            DateTime.MinValue, DateTime.MaxValue, new(1, 2, 3, 4, 5, 6, DateTimeKind.Utc), new DateTime(2026, 12, 6, 21, 0, 0, DateTimeKind.Utc).AddTicks(1),
            new DateTime(2026, 12, 6, 21, 0, 0, DateTimeKind.Utc).AddTicks(1_000_000), new DateTime(2026, 12, 6, 21, 0, 0, DateTimeKind.Utc).AddTicks(9_999_999),
        };
        for (var i = 0; i < 2_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            // Every other one on a whole number of milliseconds, as most stored times are.
            dates.Add(new DateTime(i % 2 == 0 ? ticks : ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc));
        }
        var bytes = new byte[32];

        foreach (var date in dates)
        {
            var length = SqliteStatement.FormatStoredDate(date, bytes);
            Assert.Equal(date.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture), System.Text.Encoding.ASCII.GetString(bytes, 0, length));
        }
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

    [Theory]
    [InlineData("2026-12-05 06:24:33.1234567")]
    [InlineData("2026-12-05 06:24:33.12")]
    [InlineData("2026-12-05 06:24:33.1")]
    [InlineData("2026-12-05 06:24:33")]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("0001-01-01 00:00:00")]
    public void TryParseStoredDate_TheProvidersText_SameAsTheGeneralParser(string text)
    {
        Assert.True(SqliteStatement.TryParseStoredDate(System.Text.Encoding.UTF8.GetBytes(text), out var parsed));

        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    [Theory]
    [InlineData("2026-12-05T06:24:33")]
    [InlineData("2026-12-05 06:24:33.")]
    [InlineData("2026-12-05 06:24:33.12345678")]
    [InlineData("2026-12-05 06:24:33Z")]
    [InlineData("2026-12-05 06:24")]
    [InlineData("2026-02-30 06:24:33")]
    [InlineData("2026-13-05 06:24:33")]
    [InlineData("2026-12-05 24:00:00")]
    [InlineData("2026-12-05 06:24:3x")]
    [InlineData("")]
    public void TryParseStoredDate_OtherText_LeftToTheGeneralParser(string text)
    {
        Assert.False(SqliteStatement.TryParseStoredDate(System.Text.Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void GetUtcDateTime_TextInAnotherForm_ReadAsMicrosoftDataSqliteReadsIt()
    {
        Execute("""INSERT INTO "Rows" ("Id", "Number", "When") VALUES ('a', 1, '2026-12-05T06:24:33.5Z')""");
        using var read = _connection.CreateCommand();
        read.CommandText = """SELECT "When" FROM "Rows" """;
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read());
        var byProvider = DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc);

        using var statement = new SqliteStatement(_connection, """SELECT "When" FROM "Rows" """);
        Assert.True(statement.Read());

        Assert.Equal(byProvider, statement.GetUtcDateTime(0));
    }

    [Fact]
    public void GetSharedString_SameTextInTwoRows_OneInstanceWithTheText()
    {
        Execute("""INSERT INTO "Rows" ("Id", "Number", "Note") VALUES ('a', 1, '10.0.22631'), ('b', 2, '10.0.22631'), ('c', 3, NULL), ('d', 4, 'é 日本')""");
        using var statement = new SqliteStatement(_connection, """SELECT "Note" FROM "Rows" ORDER BY "Id" """);

        var notes = new List<string?>();
        while (statement.Read())
        {
            notes.Add(statement.GetSharedString(0));
        }

        Assert.Equal(["10.0.22631", "10.0.22631", null, "é 日本"], notes);
        Assert.Same(notes[0], notes[1]);
    }

    [Fact]
    public void GetSharedString_TextLongerThanShared_ReadInFull()
    {
        var longText = new string('x', 5000);
        Execute($"""INSERT INTO "Rows" ("Id", "Number", "Note") VALUES ('a', 1, '{longText}')""");
        using var statement = new SqliteStatement(_connection, """SELECT "Note" FROM "Rows" """);

        Assert.True(statement.Read());

        Assert.Equal(longText, statement.GetSharedString(0));
    }

    [Fact]
    public void Bind_Guid_MatchesTheGuidsText()
    {
        var id = Guid.NewGuid();
        Execute($"""INSERT INTO "Rows" ("Id", "Number") VALUES ('{id}', 1)""");
        using var statement = new SqliteStatement(_connection, """SELECT "Number" FROM "Rows" WHERE "Id" = ?1""");

        statement.Bind(1, id);

        Assert.True(statement.Read());
        Assert.Equal(1, statement.GetInt32(0));
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
