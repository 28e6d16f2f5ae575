using AdminCenter.Core.Persistence;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AdminCenter.Benchmarks;

/// <summary>
/// The per-report statements of the health-report writer, stepped directly (<see cref="SqliteStatement"/>), on an
/// in-memory table of 10,000 rows shaped like the registrations: a lookup by a three-column key reading ten columns, and a
/// conditional update by id binding a date. What each call into SQLite costs on top of SQLite's own work.
/// </summary>
[MemoryDiagnoser]
public class SqliteStatementBenchmarks : IDisposable
{
    private const int Rows = 10_000;
    private static readonly DateTime Reported = new(2026, 12, 6, 21, 30, 15, 123, DateTimeKind.Utc);

    private SqliteConnection _connection = null!;
    private SqliteStatement _lookup = null!;
    private SqliteStatement _update = null!;
    private string[] _users = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE r ("Id" TEXT PRIMARY KEY, "UserId" TEXT, "AppId" TEXT, "AzureAdDeviceId" TEXT, "PlatformVersion" TEXT,
                    "AppVersion" TEXT, "SdkVersion" TEXT, "LastCheckInDateTime" TEXT, "Outcome" INTEGER, "EvaluationFingerprint" INTEGER,
                    "DeviceManufacturer" TEXT, "DeviceModel" TEXT, "ThreatLevel" INTEGER, "ThreatReportedDateTime" TEXT);
                CREATE INDEX ix ON r ("UserId", "AppId", "AzureAdDeviceId");
                """;
            create.ExecuteNonQuery();
        }
        _users = new string[Rows];
        using (var transaction = _connection.BeginTransaction())
        using (var insert = new SqliteStatement(_connection, """
            INSERT INTO r VALUES (?1, ?2, 'com.microsoft.edge', ?1, '10.0.22631.4460', '131.0.2903.70', '1.0', '2026-12-01 08:00:00', 0, 42,
                'Microsoft', 'Surface Laptop 5', NULL, NULL)
            """))
        {
            for (var i = 0; i < Rows; i++)
            {
                _users[i] = Guid.NewGuid().ToString();
                insert.Bind(1, _users[i]);
                insert.Bind(2, _users[i]);
                insert.Execute();
            }
            transaction.Commit();
        }
        _lookup = new SqliteStatement(_connection, """
            SELECT "Id", "AppId", "PlatformVersion", "AppVersion", "SdkVersion", "LastCheckInDateTime", "Outcome", "EvaluationFingerprint",
                   "DeviceManufacturer", "DeviceModel"
            FROM r WHERE "UserId" = ?1 AND "AppId" = ?2 AND "AzureAdDeviceId" = ?3
            """);
        _update = new SqliteStatement(_connection, """
            UPDATE r SET "ThreatLevel" = ?2, "ThreatReportedDateTime" = ?3, "Outcome" = ?4, "EvaluationFingerprint" = ?5
            WHERE "Id" = ?1 AND ("ThreatReportedDateTime" IS NULL OR "ThreatReportedDateTime" <= ?3)
            """);
    }

    [Benchmark]
    public long Lookup()
    {
        var user = _users[_next++ % Rows];
        _lookup.Bind(1, user);
        _lookup.Bind(2, "com.microsoft.edge");
        _lookup.Bind(3, user);
        long sum = 0;
        if (_lookup.Read())
        {
            sum = _lookup.GetString(0)!.Length + _lookup.GetSharedString(1)!.Length + (_lookup.GetSharedString(2)?.Length ?? 0)
                + (_lookup.GetSharedString(3)?.Length ?? 0) + (_lookup.GetSharedString(4)?.Length ?? 0) + _lookup.GetUtcDateTime(5).Ticks
                + _lookup.GetInt32(6) + _lookup.GetInt64(7) + (_lookup.GetSharedString(8)?.Length ?? 0) + (_lookup.GetSharedString(9)?.Length ?? 0);
        }
        _lookup.Reset();
        return sum;
    }

    [Benchmark]
    public int Update()
    {
        var user = _users[_next++ % Rows];
        _update.Bind(1, user);
        _update.Bind(2, 3);
        _update.Bind(3, Reported.AddTicks(_next));
        _update.Bind(4, 1);
        _update.Bind(5, 77);
        return _update.Execute();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _lookup?.Dispose();
        _update?.Dispose();
        _connection?.Dispose();
        GC.SuppressFinalize(this);
    }
}
