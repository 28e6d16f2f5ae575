using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// One prepared SQLite statement on an open connection, bound by position and stepped directly: for statements run once
/// per row on the health-report and re-evaluation paths only. Microsoft.Data.Sqlite looks every parameter up by name on every execution and
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
    // Texts that repeat from row to row, longest and most kept: see GetSharedString.
    private const int MaxSharedLength = 128;
    private const int MaxShared = 1024;

    private byte[] _buffer = new byte[256];
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

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
        Bind(position, value.AsSpan());
    }

    public void Bind(int position, ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > _buffer.Length)
        {
            _buffer = new byte[length];
        }
        var written = Encoding.UTF8.GetBytes(value, _buffer);
        Check(raw.sqlite3_bind_text(_statement, position, _buffer.AsSpan(0, written)));
    }

    /// <summary>Binds a Guid as its canonical text ("D", lower case), as <see cref="Guid.ToString()"/> writes it.</summary>
    public void Bind(int position, Guid value)
    {
        value.TryFormat(_buffer, out var written);
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

    /// <summary>
    /// <see cref="GetString"/> for a column whose values repeat from row to row (app ids, versions, device makes): each
    /// distinct short text is allocated once for the statement's life, not once a row. On the health-report lookup the
    /// per-row strings were most of what the writer allocated, and collecting them a measured part of its time.
    /// </summary>
    public string? GetSharedString(int column)
    {
        if (raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL)
        {
            return null;
        }
        var bytes = raw.sqlite3_column_blob(_statement, column);
        if (bytes.Length > MaxSharedLength)
        {
            return Encoding.UTF8.GetString(bytes);
        }
        Span<char> chars = stackalloc char[MaxSharedLength];
        var text = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        if (_shared.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared))
        {
            return shared;
        }
        var value = new string(text);
        if (_shared.Count < MaxShared)
        {
            _shared.Add(value, value);
        }
        return value;
    }

    /// <summary>
    /// A date column as Microsoft.Data.Sqlite reads one stored as text, marked UTC. The text it and EF Core write
    /// (<see cref="DateFormat"/>) is read directly; anything else goes through <see cref="DateTime.Parse(string, IFormatProvider)"/>
    /// as the provider does (the general parser was a tenth of the lookup's time).
    /// </summary>
    public DateTime GetUtcDateTime(int column)
    {
        var text = raw.sqlite3_column_blob(_statement, column);
        return TryParseStoredDate(text, out var value)
            ? value
            : DateTime.SpecifyKind(DateTime.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture), DateTimeKind.Utc);
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss" with an optional fraction of one to seven digits, as UTC; false for any other text.</summary>
    internal static bool TryParseStoredDate(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        if (text.Length < 19 || text.Length == 20 || text.Length > 27
            || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':' || (text.Length > 19 && text[19] != '.'))
        {
            return false;
        }
        if (!Digits(text[..4], out var year) || !Digits(text[5..7], out var month) || !Digits(text[8..10], out var day)
            || !Digits(text[11..13], out var hour) || !Digits(text[14..16], out var minute) || !Digits(text[17..19], out var second))
        {
            return false;
        }
        var ticks = 0;
        if (text.Length > 19)
        {
            if (!Digits(text[20..], out ticks))
            {
                return false;
            }
            for (var scale = text.Length - 20; scale < 7; scale++)
            {
                ticks *= 10;
            }
        }
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;

        static bool Digits(ReadOnlySpan<byte> digits, out int number)
        {
            number = 0;
            foreach (var digit in digits)
            {
                if (digit is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }
                number = (number * 10) + (digit - '0');
            }
            return true;
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
