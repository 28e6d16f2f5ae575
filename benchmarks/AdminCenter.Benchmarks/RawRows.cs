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
/// trigger fires once), SQLite's multi-row INSERT through one prepared command reused for every
/// <see cref="RowsPerStatement"/> rows (SQLite is in process: what costs is the work per statement, not a round trip;
/// not more rows, because binding looks each named parameter up in a list, so a statement's cost grows with its square).
/// Call <see cref="Complete"/> once every row is written; rows not completed are not kept on PostgreSQL.
/// </summary>
public sealed class BulkRows : IDisposable
{
    public const int RowsPerStatement = 10;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _insert;
    private readonly int _columns;
    private readonly Npgsql.NpgsqlBinaryImporter? _copy;
    private readonly List<object?[]> _pending = [];
    private DbCommand? _full;

    public BulkRows(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(columns);
        _connection = connection;
        _transaction = transaction;
        _columns = columns.Length;
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        _insert = $"INSERT INTO \"{table}\" ({list}) VALUES ";
        if (connection is Npgsql.NpgsqlConnection npgsql)
        {
            _copy = npgsql.BeginBinaryImport($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)");
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
            _full ??= Command(RowsPerStatement);
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
            using var rest = Command(_pending.Count);
            Execute(rest);
        }
    }

    public void Dispose()
    {
        _copy?.Dispose();
        _full?.Dispose();
    }

    private DbCommand Command(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = _insert + string.Join(", ", Enumerable.Range(0, rows)
            .Select(r => "(" + string.Join(", ", Enumerable.Range(0, _columns).Select(c => $"@p{(r * _columns) + c}")) + ")"));
        for (var i = 0; i < rows * _columns; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private void Execute(DbCommand command)
    {
        for (var r = 0; r < _pending.Count; r++)
        {
            for (var c = 0; c < _columns; c++)
            {
                command.Parameters[(r * _columns) + c].Value = _pending[r][c] ?? DBNull.Value;
            }
        }
        command.ExecuteNonQuery();
        _pending.Clear();
    }
}
