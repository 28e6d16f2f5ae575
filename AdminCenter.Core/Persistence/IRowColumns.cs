using System.Data.Common;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// The columns of the current row, read one way from a data reader (<see cref="DataReaderColumns"/>) or a SQLite
/// statement stepped directly (<see cref="SqliteStatement"/>), so a row is turned into an object by one piece of code.
/// </summary>
internal interface IRowColumns
{
    int GetInt32(int column);

    long GetInt64(int column);

    /// <summary>The text of the column, or null.</summary>
    string? GetString(int column);

    /// <summary>The text of a column whose values repeat from row to row; the same instance may come back for each.</summary>
    string? GetSharedString(int column);

    /// <summary>A date column as stored (UTC), marked UTC.</summary>
    DateTime GetUtcDateTime(int column);
}

/// <summary>The current row of a data reader.</summary>
internal readonly struct DataReaderColumns(DbDataReader reader) : IRowColumns
{
    public int GetInt32(int column) => reader.GetInt32(column);

    public long GetInt64(int column) => reader.GetInt64(column);

    public string? GetString(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    public string? GetSharedString(int column) => GetString(column);

    public DateTime GetUtcDateTime(int column) => SqlDialect.GetUtcDateTime(reader, column);
}
