using System.Diagnostics;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Benchmarks;

/// <summary>
/// What storing costs on this machine and provider, measured in the same run as the scenarios it is compared with:
/// the rows ingestion and re-evaluation write, written with prepared statements in one transaction, with no HTTP, no
/// lookup and no evaluation. Absolute figures on the shared 2-core VM vary 2x between runs; a scenario's ratio to its
/// baseline says what the app adds on top of the storage, and holds across runs.
/// The baseline rewrites each registration with the values it already holds (the health state and outcome of the last
/// report or pass) and appends real-looking history rows, so the rows are as wide as the app's and the scenarios after it
/// start from the same state.
/// </summary>
public sealed class RawStorageBaseline(IDbContextFactory<AdminCenterDbContext> factory, string connectorId)
{
    /// <summary>
    /// Per registration, one health report history row and the registration's health-state update (what a health report
    /// batch writes).
    /// </summary>
    public async Task<TimeSpan> WriteHealthReportsAsync()
    {
        var (db, connection) = await RawConnections.OpenAsync(factory);
        await using (db)
        {
            var stored = new StoredValues(db);
            var secured = stored.Of<HealthReportRecord>(nameof(HealthReportRecord.ThreatLevel), DeviceThreatLevel.Secured);
            var rows = await ReadAsync(db);
            var stopwatch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync();
            var now = DateTime.UtcNow;
            using (var history = new RowWriter(connection, transaction, """
                INSERT INTO "HealthReports" ("ConnectorId", "UserPrincipalName", "AppId", "AzureAdDeviceId", "ThreatLevel", "ReportedDateTime", "ReceivedDateTime")
                VALUES (@connector, @upn, @app, @device, @level, @reported, @received)
                """, "@connector", "@upn", "@app", "@device", "@level", "@reported", "@received"))
            {
                foreach (var row in rows)
                {
                    history.Write(row.ThreatConnectorId ?? connectorId, row.UserPrincipalName, row.AppId, row.AzureAdDeviceId,
                        row.ThreatLevel ?? secured, row.ThreatReportedDateTime ?? now, now);
                }
            }
            using (var state = new RowWriter(connection, transaction, """
                UPDATE "MamRegistrations" SET "ThreatLevel" = @level, "ThreatReportedDateTime" = @reported, "ThreatConnectorId" = @connector
                WHERE "Id" = @id
                """, "@level", "@reported", "@connector", "@id"))
            {
                foreach (var row in rows)
                {
                    state.Write(row.ThreatLevel ?? secured, row.ThreatReportedDateTime ?? now, row.ThreatConnectorId ?? connectorId, row.Id);
                }
            }
            await transaction.CommitAsync();
            return stopwatch.Elapsed;
        }
    }

    /// <summary>
    /// Per registration, the outcome, policies and fingerprint update and one outcome-change history row (what a
    /// re-evaluation pass writes when every outcome flips, the load scenario's case).
    /// </summary>
    public async Task<TimeSpan> WriteReevaluationAsync()
    {
        var (db, connection) = await RawConnections.OpenAsync(factory);
        await using (db)
        {
            var stored = new StoredValues(db);
            var allow = stored.Of<MamRegistration>(nameof(MamRegistration.Outcome), EvaluationOutcome.Allow);
            var block = stored.Of<MamRegistration>(nameof(MamRegistration.Outcome), EvaluationOutcome.Block);
            var rows = await ReadAsync(db);
            var stopwatch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync();
            var now = DateTime.UtcNow;
            using (var update = new RowWriter(connection, transaction, """
                UPDATE "MamRegistrations" SET "Outcome" = @outcome, "PolicyNames" = @policies, "EvaluationFingerprint" = @fingerprint,
                    "OutcomeChangedDateTime" = @changed
                WHERE "Id" = @id
                """, "@outcome", "@policies", "@fingerprint", "@changed", "@id"))
            {
                foreach (var row in rows)
                {
                    update.Write(row.Outcome, row.PolicyNames, row.EvaluationFingerprint, row.OutcomeChangedDateTime, row.Id);
                }
            }
            using (var history = new RowWriter(connection, transaction, """
                INSERT INTO "RegistrationOutcomeChanges" ("RegistrationId", "UserId", "AppId", "AzureAdDeviceId", "PreviousOutcome", "Outcome", "ChangedDateTime", "ReasonSetFingerprint")
                VALUES (@registration, @user, @app, @device, @previous, @outcome, @changed, @fingerprint)
                """, "@registration", "@user", "@app", "@device", "@previous", "@outcome", "@changed", "@fingerprint"))
            {
                foreach (var row in rows)
                {
                    history.Write(row.Id, row.UserId, row.AppId, row.AzureAdDeviceId, StoredValues.Same(row.Outcome, allow) ? block : allow, row.Outcome, now, row.EvaluationFingerprint);
                }
            }
            await transaction.CommitAsync();
            return stopwatch.Elapsed;
        }
    }

    // Read before the clock starts; values are kept as the provider returned them and written back unchanged.
    private static async Task<List<StoredRegistration>> ReadAsync(AdminCenterDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT "Id", "UserId", "UserPrincipalName", "AppId", "AzureAdDeviceId", "ThreatLevel", "ThreatReportedDateTime", "ThreatConnectorId",
                   "Outcome", "PolicyNames", "EvaluationFingerprint", "OutcomeChangedDateTime"
            FROM "MamRegistrations"
            """;
        var rows = new List<StoredRegistration>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRegistration(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetValue(5),
                reader.IsDBNull(6) ? null : reader.GetValue(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetValue(8), reader.GetString(9), reader.GetInt64(10), reader.GetValue(11)));
        }
        return rows;
    }

    private sealed record StoredRegistration(
        string Id, string UserId, string UserPrincipalName, string AppId, string AzureAdDeviceId,
        object? ThreatLevel, object? ThreatReportedDateTime, string? ThreatConnectorId,
        object Outcome, string PolicyNames, long EvaluationFingerprint, object OutcomeChangedDateTime);
}
