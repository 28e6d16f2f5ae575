using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// The only place where raw SQL differs between SQLite and PostgreSQL (spec 08). Everything else in raw statements is
/// written once: double-quoted identifiers, <c>@name</c> parameters, <c>ON CONFLICT DO NOTHING</c>, <c>UPDATE ... FROM</c>,
/// <c>string_agg</c>, <c>IS NOT DISTINCT FROM</c>, <c>-&gt;&gt;</c> on JSON, integers for enums, DateTime parameters.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(isPostgreSql: false);

    public static readonly SqlDialect PostgreSql = new(isPostgreSql: true);

    private SqlDialect(bool isPostgreSql) => IsPostgreSql = isPostgreSql;

    public bool IsPostgreSql { get; }

    /// <summary>The dialect of the context's provider.</summary>
    public static SqlDialect Of(DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.IsNpgsql() ? PostgreSql : Sqlite;
    }

    /// <summary>
    /// A FROM item giving one row per element of the JSON array of strings bound to <paramref name="parameter"/>, as
    /// text in column <c>value</c> of <paramref name="alias"/>.
    /// </summary>
    public string StringsOf(string parameter, string alias) => IsPostgreSql
        ? $"jsonb_array_elements_text(CAST({parameter} AS jsonb)) AS {alias}(value)"
        : $"json_each({parameter}) AS {alias}";

    /// <summary>
    /// A FROM item giving one row per element of the JSON array bound to <paramref name="parameter"/>, as JSON in column
    /// <c>value</c> of <paramref name="alias"/>; read element N of an inner array with <c>alias.value -&gt;&gt; N</c> (both providers).
    /// </summary>
    public string ElementsOf(string parameter, string alias) => IsPostgreSql
        ? $"jsonb_array_elements(CAST({parameter} AS jsonb)) AS {alias}(value)"
        : $"json_each({parameter}) AS {alias}";

    /// <summary>
    /// Appended to a SELECT to lock the rows of <paramref name="alias"/> it returns until the transaction ends, taken in
    /// "Id" order so that two transactions locking overlapping rows wait instead of deadlocking. Empty on SQLite: its write
    /// transactions start with BEGIN IMMEDIATE and so hold the whole database from the first read.
    /// </summary>
    public string LockRowsOf(string alias) => IsPostgreSql ? $"""ORDER BY {alias}."Id" FOR UPDATE OF {alias}""" : "";

    /// <summary>
    /// Whether <paramref name="needle"/> occurs in <paramref name="haystack"/> (exact characters; fold both first for
    /// case-insensitive search with <c>admincenter_fold</c>, which exists on both providers: see <see cref="PostgreSqlSchemaObjects"/>).
    /// </summary>
    public string Contains(string haystack, string needle) => IsPostgreSql
        ? $"strpos({haystack}, {needle}) > 0"
        : $"instr({haystack}, {needle}) > 0";

    /// <summary>
    /// Whether <paramref name="column"/> matches <paramref name="pattern"/>, an ASCII LIKE pattern in upper case escaped
    /// with <c>\</c>, ignoring the case of ASCII letters only. SQLite's LIKE does so by itself. PostgreSQL upper-cases the
    /// ASCII letters under the "C" collation and compares bytes: its ILIKE lower-cases every row's text through the
    /// locale, which at 100,000 rows read 80 ms against 45, and folds beyond ASCII (the Kelvin sign to k) where SQLite
    /// does not.
    /// </summary>
    public string AsciiCaseInsensitiveLike(string column, string pattern) => IsPostgreSql
        ? $"""{AsciiUpper(column)} LIKE {pattern} ESCAPE '\'"""
        : $"""{column} LIKE {pattern} ESCAPE '\'""";

    /// <summary>PostgreSQL: <paramref name="column"/> with its ASCII letters upper-cased and every other character kept.</summary>
    public static string AsciiUpper(string column) => $"""upper({column} COLLATE "C")""";

    /// <summary>
    /// Whether <paramref name="column"/>, stored upper-cased, matches <paramref name="pattern"/> (as for
    /// <see cref="AsciiCaseInsensitiveLike"/>): a plain LIKE on both providers.
    /// </summary>
    public static string FoldedLike(string column, string pattern) => $"""{column} LIKE {pattern} ESCAPE '\'""";

    /// <summary>
    /// What SQLite gets per connection (DirectoryQueries registers <c>admincenter_fold</c> and the ADMINCENTER_NAME
    /// collation on it; NOCASE is built in) and PostgreSQL has in its schema: the collations are in the PostgreSQL model
    /// (<see cref="PostgreSqlAdminCenterDbContext"/>); the function, which EF Core cannot model, is created by the PostgreSQL
    /// migration from here. Both collations ignore case (ICU strength 2) and order É next to E; neither merges different
    /// letters that look alike. <c>admincenter_fold</c> upper-cases with the database's UTF-8 locale, like the app's ToUpperInvariant.
    /// </summary>
    public const string PostgreSqlSchemaObjects = """
        CREATE OR REPLACE FUNCTION admincenter_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN upper(value);
        """;

    /// <summary>The ICU collation the PostgreSQL model gives both case-insensitive collation names.</summary>
    public const string PostgreSqlCaseInsensitiveLocale = "und-u-ks-level2";

    /// <summary>Whether a save failed on a unique index (someone else saved the same key meanwhile).</summary>
    public static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Adds a parameter of a fixed type (Npgsql and a prepared SQLite command both want it known up front).</summary>
    public static DbParameter AddParameter(DbCommand command, string name, DbType type, object? value = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Adds a UTC date parameter; its type comes from the value (timestamptz on PostgreSQL, EF's text on SQLite).</summary>
    public static DbParameter AddDateParameter(DbCommand command, string name, DateTime? utc = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = utc is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>A date column read back as UTC (SQLite's reader returns Kind Unspecified).</summary>
    public static DateTime GetUtcDateTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
    }
}
