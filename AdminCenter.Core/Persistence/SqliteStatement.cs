using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// One prepared SQLite statement on an open connection, bound by position and stepped directly: for statements run once
/// per row on the health-report path only. Microsoft.Data.Sqlite looks every parameter up by name on every execution and
/// builds a data reader for each: about 1 us of the 4.5 a one-row UPDATE took (BENCHMARKS.md, "Health-report batches on
/// SQLite"). Values are bound as Microsoft.Data.Sqlite binds them (dates as its text), so rows
/// written here and by EF Core compare and read back alike.
/// </summary>
internal sealed class SqliteStatement : IRowColumns, IDisposable
{
    // The text Microsoft.Data.Sqlite and EF Core store a DateTime as: "newer report wins" compares these as text.
    private const string DateFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _buffer = new byte[256];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    public void Bind(int position, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, position));
            return;
        }
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > _buffer.Length)
        {
            _buffer = new byte[length];
        }
        var written = Encoding.UTF8.GetBytes(value, _buffer);
        Check(raw.sqlite3_bind_text(_statement, position, _buffer.AsSpan(0, written)));
    }

    public void Bind(int position, DateTime value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var written, DateFormat, CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(text[..written], _buffer);
        Check(raw.sqlite3_bind_text(_statement, position, _buffer.AsSpan(0, bytes)));
    }

    /// <summary>Runs the statement to its end; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps to the next row; false at the end (then call <see cref="Reset"/> before binding again).</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        if (rc != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(_statement);
            Check(rc);
        }
        return false;
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int GetInt32(int column) => raw.sqlite3_column_int(_statement, column);

    public string? GetString(int column) =>
        raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

    /// <summary>A date column as Microsoft.Data.Sqlite reads one stored as text, marked UTC.</summary>
    public DateTime GetUtcDateTime(int column) =>
        DateTime.SpecifyKind(DateTime.Parse(GetString(column)!, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
