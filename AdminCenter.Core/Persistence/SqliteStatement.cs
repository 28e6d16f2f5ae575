using System.Globalization;
using System.Runtime.InteropServices;
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
/// Binding, stepping and reading call SQLite on the raw handles (<see cref="Native"/>): through SQLitePCLRaw each call
/// also took and released a reference on the statement's SafeHandle, which with the calls' stubs was about 7 % of the
/// health-report writer's time (BENCHMARKS.md, "Health-report batches: each call into SQLite"). The handles stay
/// referenced while this object lives.
/// </summary>
internal sealed class SqliteStatement : IRowColumns, IDisposable
{
    // The text Microsoft.Data.Sqlite and EF Core store a DateTime as: "newer report wins" compares these as text.
    private const string DateFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly nint _dbHandle;
    private readonly nint _handle;
    private bool _dbReferenced;
    private bool _referenced;
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
        _db.DangerousAddRef(ref _dbReferenced);
        _dbHandle = _db.DangerousGetHandle();
        _statement.DangerousAddRef(ref _referenced);
        _handle = _statement.DangerousGetHandle();
    }

    public void Bind(int position, long value) => Check(Native.sqlite3_bind_int64(_handle, position, value));

    public void Bind(int position, string? value)
    {
        if (value is null)
        {
            Check(Native.sqlite3_bind_null(_handle, position));
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
        BindBuffer(position, written);
    }

    /// <summary>Binds a Guid as its canonical text ("D", lower case), as <see cref="Guid.ToString()"/> writes it.</summary>
    public void Bind(int position, Guid value)
    {
        value.TryFormat(_buffer, out var written);
        BindBuffer(position, written);
    }

    /// <summary>Binds a date as the text <see cref="DateFormat"/> gives (<see cref="FormatStoredDate"/>).</summary>
    public void Bind(int position, DateTime value) => BindBuffer(position, FormatStoredDate(value, _buffer));

    // SQLITE_TRANSIENT: SQLite copies the text before the call returns, so the buffer is free for the next value.
    private void BindBuffer(int position, int length) =>
        Check(Native.sqlite3_bind_text(_handle, position, ref MemoryMarshal.GetArrayDataReference(_buffer), length, Native.Transient));

    /// <summary>
    /// Writes <paramref name="value"/> as <see cref="DateFormat"/> does ("yyyy-MM-dd HH:mm:ss", then the fraction of a
    /// second without its trailing zeros, or nothing when it is zero) into <paramref name="bytes"/> (at least 27); returns
    /// the length. The general formatter, which parses the format each time, was 3 % of the writer's time.
    /// </summary>
    internal static int FormatStoredDate(DateTime value, Span<byte> bytes)
    {
        Digits(bytes[..4], value.Year);
        bytes[4] = (byte)'-';
        Digits(bytes[5..7], value.Month);
        bytes[7] = (byte)'-';
        Digits(bytes[8..10], value.Day);
        bytes[10] = (byte)' ';
        Digits(bytes[11..13], value.Hour);
        bytes[13] = (byte)':';
        Digits(bytes[14..16], value.Minute);
        bytes[16] = (byte)':';
        Digits(bytes[17..19], value.Second);
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return 19;
        }
        bytes[19] = (byte)'.';
        Digits(bytes[20..27], fraction);
        var length = 27;
        while (bytes[length - 1] == (byte)'0')
        {
            length--;
        }
        return length;

        static void Digits(Span<byte> target, int number)
        {
            for (var i = target.Length - 1; i >= 0; i--)
            {
                target[i] = (byte)('0' + (number % 10));
                number /= 10;
            }
        }
    }

    /// <summary>Runs the statement to its end; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = Native.sqlite3_step(_handle)) == raw.SQLITE_ROW)
            {
            }
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
            return Native.sqlite3_changes(_dbHandle);
        }
        finally
        {
            // Its code repeats the failed step's, already thrown.
            _ = Native.sqlite3_reset(_handle);
        }
    }

    /// <summary>Steps to the next row; false at the end (then call <see cref="Reset"/> before binding again).</summary>
    public bool Read()
    {
        var rc = Native.sqlite3_step(_handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        if (rc != raw.SQLITE_DONE)
        {
            _ = Native.sqlite3_reset(_handle);
            Check(rc);
        }
        return false;
    }

    public void Reset() => _ = Native.sqlite3_reset(_handle);

    public long GetInt64(int column) => Native.sqlite3_column_int64(_handle, column);

    public int GetInt32(int column) => Native.sqlite3_column_int(_handle, column);

    public string? GetString(int column) =>
        Native.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(ColumnBytes(column));

    // The column's bytes, copied into the buffer (valid until the next read or bind): a span over SQLite's own memory would
    // need unsafe code, and the copy of a few dozen bytes costs less than the call.
    private ReadOnlySpan<byte> ColumnBytes(int column)
    {
        var pointer = Native.sqlite3_column_blob(_handle, column);
        var length = Native.sqlite3_column_bytes(_handle, column);
        if (length == 0)
        {
            return [];
        }
        if (length > _buffer.Length)
        {
            _buffer = new byte[length];
        }
        Marshal.Copy(pointer, _buffer, 0, length);
        return _buffer.AsSpan(0, length);
    }

    /// <summary>
    /// <see cref="GetString"/> for a column whose values repeat from row to row (app ids, versions, device makes): each
    /// distinct short text is allocated once for the statement's life, not once a row. On the health-report lookup the
    /// per-row strings were most of what the writer allocated, and collecting them a measured part of its time.
    /// </summary>
    public string? GetSharedString(int column)
    {
        if (Native.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL)
        {
            return null;
        }
        var bytes = ColumnBytes(column);
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
        var text = ColumnBytes(column);
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

    // The statement is finalized before the connection's handle is let go: a connection closed meanwhile closes after it.
    public void Dispose()
    {
        if (_referenced)
        {
            _statement.DangerousRelease();
            _referenced = false;
        }
        _statement.Dispose();
        if (_dbReferenced)
        {
            _db.DangerousRelease();
            _dbReferenced = false;
        }
    }

    /// <summary>
    /// The calls made once per value and row, on raw handles, from the library SQLitePCLRaw's provider loads (the same
    /// name, so the same loaded library and the same SQLite).
    /// </summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        public static readonly nint Transient = -1;

        [DllImport(Library)]
        public static extern int sqlite3_bind_int64(nint statement, int index, long value);

        [DllImport(Library)]
        public static extern int sqlite3_bind_text(nint statement, int index, ref byte text, int length, nint destructor);

        [DllImport(Library)]
        public static extern int sqlite3_bind_null(nint statement, int index);

        [DllImport(Library)]
        public static extern int sqlite3_step(nint statement);

        [DllImport(Library)]
        public static extern int sqlite3_reset(nint statement);

        [DllImport(Library)]
        public static extern int sqlite3_changes(nint db);

        [DllImport(Library)]
        public static extern int sqlite3_column_type(nint statement, int column);

        [DllImport(Library)]
        public static extern long sqlite3_column_int64(nint statement, int column);

        [DllImport(Library)]
        public static extern int sqlite3_column_int(nint statement, int column);

        [DllImport(Library)]
        public static extern nint sqlite3_column_blob(nint statement, int column);

        [DllImport(Library)]
        public static extern int sqlite3_column_bytes(nint statement, int column);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
