using System.Data.Common;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Benchmarks;

/// <summary>
/// Column values as the app's EF model stores them, for the benchmark's raw SQL: the one place that knows whether an
/// enum is stored as its name or its number (the model's converter decides, so a schema change needs no edit here).
/// </summary>
public sealed class StoredValues(AdminCenterDbContext db)
{
    public object Of<TEntity>(string property, object value)
    {
        var mapping = db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property)?.GetTypeMapping()
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.");
        var stored = mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        return stored is Enum number
            ? Convert.ChangeType(number, Enum.GetUnderlyingType(number.GetType()), System.Globalization.CultureInfo.InvariantCulture)
            : stored!;
    }

    /// <summary>Whether two stored values are the same, whichever numeric type the provider read back (SQLite: long, PostgreSQL: int).</summary>
    public static bool Same(object? a, object? b) =>
        string.Equals(Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(b, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>
/// One parameterized statement executed once per row inside a transaction, in generic ADO.NET (double-quoted
/// identifiers, @parameters) so the same code runs on SQLite and PostgreSQL. Where the provider supports DbBatch
/// (Npgsql) rows go to the server <see cref="BatchSize"/> statements per round trip, each prepared once per
/// connection; otherwise (SQLite, in process, no round trip) one prepared command is reused for every row.
/// </summary>
public sealed class RowWriter : IDisposable
{
    public const int BatchSize = 500;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _sql;
    private readonly string[] _names;
    private readonly DbCommand? _command;
    private DbBatch? _batch;

    public RowWriter(DbConnection connection, DbTransaction transaction, string sql, params string[] parameterNames)
    {
        _connection = connection;
        _transaction = transaction;
        _sql = sql;
        _names = parameterNames;
        if (!connection.CanCreateBatch)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = name;
                _command.Parameters.Add(parameter);
            }
        }
    }

    /// <summary>Rows written so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Writes one row; <paramref name="values"/> in the order of the parameter names (null for SQL NULL).</summary>
    public void Write(params object?[] values)
    {
        Rows++;
        if (_command is not null)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            // Prepared after the first row's values are set, so a provider that infers types from values can.
            if (Rows == 1)
            {
                _command.Prepare();
            }
            _command.ExecuteNonQuery();
            return;
        }
        _batch ??= NewBatch();
        var command = _batch.CreateBatchCommand();
        command.CommandText = _sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = _names[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        _batch.BatchCommands.Add(command);
        if (_batch.BatchCommands.Count == BatchSize)
        {
            Flush();
        }
    }

    /// <summary>Sends the rows still waiting in the current batch.</summary>
    public void Flush()
    {
        if (_batch is not { BatchCommands.Count: > 0 } batch)
        {
            return;
        }
        batch.Prepare();
        batch.ExecuteNonQuery();
        batch.Dispose();
        _batch = null;
    }

    public void Dispose()
    {
        Flush();
        _command?.Dispose();
        _batch?.Dispose();
    }

    private DbBatch NewBatch()
    {
        var batch = _connection.CreateBatch();
        batch.Transaction = _transaction;
        return batch;
    }
}

/// <summary>Opens the app's own connection (with its per-connection settings, e.g. SQLite's pragmas) for raw statements.</summary>
public static class RawConnections
{
    public static async Task<(AdminCenterDbContext Db, DbConnection Connection)> OpenAsync(IDbContextFactory<AdminCenterDbContext> factory)
    {
        var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        return (db, db.Database.GetDbConnection());
    }
}

/// <summary>
/// Bulk insert of many rows into one table, for seeding: PostgreSQL's binary COPY (one statement, so a statement-level
/// trigger fires once), SQLite's multi-row INSERT of <see cref="RowsPerStatement"/> rows prepared once and bound by
/// parameter number straight through SQLitePCL.raw on the connection's own handle (so inside its transaction).
/// Microsoft.Data.Sqlite binds each parameter by name (the name converted to UTF-8 and looked up in the statement's
/// list on every execution) and boxes every value: at a million rows that binding was most of the seed's CPU.
/// Values are stored as Microsoft.Data.Sqlite stores them (see <see cref="SqliteBind"/>), so the rows are the same.
/// Call <see cref="Complete"/> once every row is written; rows not completed are not kept on PostgreSQL.
/// </summary>
public sealed class BulkRows : IDisposable
{
    /// <summary>
    /// Rows per SQLite INSERT: one statement step per this many rows (each step has a fixed cost: the VDBE program's
    /// start, the open of the table's cursors); well under SQLite's limit of 32,766 parameters for the widest table.
    /// </summary>
    public const int RowsPerStatement = 50;

    private readonly string _insert;
    private readonly int _columns;
    private readonly Npgsql.NpgsqlBinaryImporter? _copy;
    private readonly SQLitePCL.sqlite3? _sqlite;
    private readonly SqliteBind? _binder;
    private readonly List<object?[]> _pending = [];
    private SQLitePCL.sqlite3_stmt? _full;

    public BulkRows(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(columns);
        // The transaction is the connection's own: SQLite has one per connection, and COPY runs in the open one.
        _ = transaction;
        _columns = columns.Length;
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        _insert = $"INSERT INTO \"{table}\" ({list}) VALUES ";
        switch (connection)
        {
            case Npgsql.NpgsqlConnection npgsql:
                _copy = npgsql.BeginBinaryImport($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)");
                break;
            case Microsoft.Data.Sqlite.SqliteConnection sqlite:
                _sqlite = sqlite.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
                _binder = new SqliteBind(_sqlite);
                break;
            default:
                throw new NotSupportedException($"No bulk insert for {connection.GetType().Name}.");
        }
    }

    /// <summary>Rows written so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Writes one row; <paramref name="values"/> in the order of the columns (null for SQL NULL).</summary>
    public void Write(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Rows++;
        if (_copy is not null)
        {
            _copy.StartRow();
            foreach (var value in values)
            {
                switch (value)
                {
                    case null:
                        _copy.WriteNull();
                        break;
                    case string text:
                        _copy.Write(text, NpgsqlTypes.NpgsqlDbType.Text);
                        break;
                    case bool flag:
                        _copy.Write(flag, NpgsqlTypes.NpgsqlDbType.Boolean);
                        break;
                    case int number:
                        _copy.Write(number, NpgsqlTypes.NpgsqlDbType.Integer);
                        break;
                    case long number:
                        _copy.Write(number, NpgsqlTypes.NpgsqlDbType.Bigint);
                        break;
                    case DateTime date:
                        _copy.Write(DateTime.SpecifyKind(date, DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz);
                        break;
                    default:
                        throw new NotSupportedException($"No COPY type for {value.GetType().Name}.");
                }
            }
            return;
        }
        _pending.Add(values);
        if (_pending.Count == RowsPerStatement)
        {
            _full ??= Prepare(RowsPerStatement);
            Execute(_full);
        }
    }

    /// <summary>Writes the rows still waiting and ends the COPY.</summary>
    public void Complete()
    {
        if (_copy is not null)
        {
            _copy.Complete();
            return;
        }
        if (_pending.Count > 0)
        {
            using var rest = Prepare(_pending.Count);
            Execute(rest);
        }
    }

    public void Dispose()
    {
        _copy?.Dispose();
        _full?.Dispose();
    }

    private SQLitePCL.sqlite3_stmt Prepare(int rows)
    {
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", _columns)) + ")";
        var sql = _insert + string.Join(", ", Enumerable.Repeat(row, rows));
        SqliteBind.Check(_sqlite!, SQLitePCL.raw.sqlite3_prepare_v2(_sqlite, sql, out var statement));
        return statement;
    }

    private void Execute(SQLitePCL.sqlite3_stmt statement)
    {
        for (var r = 0; r < _pending.Count; r++)
        {
            var values = _pending[r];
            for (var c = 0; c < _columns; c++)
            {
                // Parameter numbers start at 1.
                _binder!.Value(statement, (r * _columns) + c + 1, values[c]);
            }
        }
        var done = SQLitePCL.raw.sqlite3_step(statement);
        SQLitePCL.raw.sqlite3_reset(statement);
        if (done != SQLitePCL.raw.SQLITE_DONE)
        {
            SqliteBind.Check(_sqlite!, done);
        }
        _pending.Clear();
    }
}

/// <summary>
/// Binds a .NET value to a SQLite statement parameter the way Microsoft.Data.Sqlite's binder does for the types the
/// seed writes (text as UTF-8, booleans and integers as INTEGER, DateTime as the text "yyyy-MM-dd HH:mm:ss.FFFFFFF"),
/// so rows bulk-loaded through the raw handle read back exactly as rows the app and EF Core wrote.
/// </summary>
public sealed class SqliteBind(SQLitePCL.sqlite3 database)
{
    // The seed's rows share a few timestamps (its "now", check-ins spread over 43,000 seconds): formatting a DateTime
    // with a custom format costs more than the rest of its binding, so each one's UTF-8 text is kept, up to a bound.
    private const int MaxCachedDates = 1 << 17;
    private readonly Dictionary<DateTime, byte[]> _dates = [];

    public void Value(SQLitePCL.sqlite3_stmt statement, int number, object? value)
    {
        var rc = value switch
        {
            null => SQLitePCL.raw.sqlite3_bind_null(statement, number),
            string text => SQLitePCL.raw.sqlite3_bind_text(statement, number, text),
            bool flag => SQLitePCL.raw.sqlite3_bind_int64(statement, number, flag ? 1 : 0),
            int integer => SQLitePCL.raw.sqlite3_bind_int64(statement, number, integer),
            long integer => SQLitePCL.raw.sqlite3_bind_int64(statement, number, integer),
            double real => SQLitePCL.raw.sqlite3_bind_double(statement, number, real),
            DateTime date => SQLitePCL.raw.sqlite3_bind_text(statement, number, (ReadOnlySpan<byte>)Utf8(date)),
            _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}."),
        };
        Check(database, rc);
    }

    /// <summary>Throws SQLite's own message for a failed call, as Microsoft.Data.Sqlite would.</summary>
    public static void Check(SQLitePCL.sqlite3 database, int rc)
    {
        if (rc != SQLitePCL.raw.SQLITE_OK)
        {
            throw new Microsoft.Data.Sqlite.SqliteException(
                $"SQLite Error {rc}: '{SQLitePCL.raw.sqlite3_errmsg(database).utf8_to_string()}'.", rc, SQLitePCL.raw.sqlite3_extended_errcode(database));
        }
    }

    private byte[] Utf8(DateTime date)
    {
        if (_dates.TryGetValue(date, out var text))
        {
            return text;
        }
        text = System.Text.Encoding.UTF8.GetBytes(date.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        if (_dates.Count < MaxCachedDates)
        {
            _dates.Add(date, text);
        }
        return text;
    }
}
