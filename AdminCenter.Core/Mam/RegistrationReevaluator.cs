using Microsoft.EntityFrameworkCore.Storage;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Evaluates every registration again after a change that may affect many (spec 04: a policy, an assignment, group
/// membership, a user's state, a connector). Stores the state, and history, only where the outcome or reasons changed.
/// Built for 100,000 registrations: one read of each table, the allocation-free evaluation, one write transaction
/// with prepared statements for just the changed rows.
/// </summary>
public sealed class RegistrationReevaluator(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>Re-evaluates every registration; returns how many outcomes changed.</summary>
    public async Task<int> ReevaluateAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var evaluator = new RegistrationEvaluator(await TenantEvaluationContext.LoadAsync(db, cancellationToken));
        await db.Database.OpenConnectionAsync(cancellationToken);
        var groupsByUser = LoadGroupsByUser(db);
        var enabledByUser = LoadAccountStates(db);
        var noGroups = new HashSet<string>();
        var registrations = new List<StoredRegistration>();
        await foreach (var registration in ReadRegistrationsAsync(db, cancellationToken))
        {
            registrations.Add(registration);
        }

        // Evaluating is allocation-free, explaining is not: both run on every core, one evaluator (buffers) per worker.
        var explained = new ExplainedEvaluation?[registrations.Count];
        Parallel.For(0, registrations.Count, new ParallelOptions { CancellationToken = cancellationToken },
            () => new RegistrationEvaluator(evaluator.Context),
            (i, _, local) =>
            {
                var registration = registrations[i];
                local.Evaluate(registration.AppId, groupsByUser.GetValueOrDefault(registration.UserId, noGroups),
                    new RegistrationFacts(enabledByUser.GetValueOrDefault(registration.UserId, true), registration.PlatformVersion, registration.AppVersion,
                        registration.SdkVersion, registration.LastCheckInDateTime, registration.ThreatLevel, registration.ThreatConnectorId), now);
                if (local.Fingerprint != registration.Fingerprint)
                {
                    explained[i] = local.Explain();
                }
                return local;
            },
            _ => { });
        var changes = new List<Change>();
        for (var i = 0; i < registrations.Count; i++)
        {
            if (explained[i] is { } evaluation)
            {
                changes.Add(new Change(registrations[i], evaluation));
            }
        }
        if (changes.Count > 0)
        {
            await WriteAsync(db, changes, now, cancellationToken);
        }
        return changes.Count(c => c.Evaluation.Outcome != c.Registration.Outcome);
    }

    // A plain reader: materializing 100,000 tracked-free entities through EF costs more than evaluating them.
    private static async IAsyncEnumerable<StoredRegistration> ReadRegistrationsAsync(
        AdminCenterDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT rowid, Id, UserId, AppId, AzureAdDeviceId, PlatformVersion, AppVersion, SdkVersion, LastCheckInDateTime,
                   ThreatLevel, ThreatConnectorId, Outcome, EvaluationFingerprint
            FROM MamRegistrations
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredRegistration(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc),
                reader.IsDBNull(9) ? null : Enum.Parse<DeviceThreatLevel>(reader.GetString(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                Enum.Parse<EvaluationOutcome>(reader.GetString(11)),
                reader.GetInt64(12));
        }
    }

    private static Dictionary<string, HashSet<string>> LoadGroupsByUser(AdminCenterDbContext db)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT UserId, GroupId FROM GroupMembers";
        using var reader = command.ExecuteReader();
        var byUser = new Dictionary<string, HashSet<string>>();
        while (reader.Read())
        {
            var userId = reader.GetString(0);
            if (!byUser.TryGetValue(userId, out var groups))
            {
                byUser[userId] = groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }
            groups.Add(reader.GetString(1));
        }
        return byUser;
    }

    private static Dictionary<string, bool> LoadAccountStates(AdminCenterDbContext db)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT Id, AccountEnabled FROM Users";
        using var reader = command.ExecuteReader();
        var enabled = new Dictionary<string, bool>();
        while (reader.Read())
        {
            enabled[reader.GetString(0)] = reader.GetBoolean(1);
        }
        return enabled;
    }

    // EF's change tracking costs far more than the evaluation at this volume. The changes go into a temporary table
    // (no indexes, cheap inserts), then two set-based statements update the registrations and append the history.
    private static async Task WriteAsync(AdminCenterDbContext db, List<Change> changes, DateTime now, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dbTransaction = (SqliteTransaction)transaction.GetDbTransaction();

        Execute(connection, dbTransaction, """
            CREATE TEMP TABLE IF NOT EXISTS ReevaluationChanges (
                RegistrationRowId INTEGER PRIMARY KEY, Outcome TEXT NOT NULL, PreviousOutcome TEXT NOT NULL, ReasonsJson TEXT NOT NULL,
                PolicyNames TEXT NOT NULL, Fingerprint INTEGER NOT NULL, Summary TEXT NULL);
            DELETE FROM temp.ReevaluationChanges;
            """);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = dbTransaction;
            insert.CommandText = """
                INSERT INTO temp.ReevaluationChanges (RegistrationRowId, Outcome, PreviousOutcome, ReasonsJson, PolicyNames, Fingerprint, Summary)
                VALUES ($rowid, $outcome, $previous, $reasons, $policies, $fingerprint, $summary)
                """;
            var rowId = insert.Parameters.Add("$rowid", SqliteType.Integer);
            var outcome = insert.Parameters.Add("$outcome", SqliteType.Text);
            var previous = insert.Parameters.Add("$previous", SqliteType.Text);
            var reasons = insert.Parameters.Add("$reasons", SqliteType.Text);
            var policies = insert.Parameters.Add("$policies", SqliteType.Text);
            var fingerprint = insert.Parameters.Add("$fingerprint", SqliteType.Integer);
            var summary = insert.Parameters.Add("$summary", SqliteType.Text);
            insert.Prepare();
            foreach (var change in changes)
            {
                var evaluation = change.Evaluation;
                rowId.Value = change.Registration.RowId;
                outcome.Value = evaluation.Outcome.ToString();
                previous.Value = change.Registration.Outcome.ToString();
                reasons.Value = evaluation.ReasonsJson;
                policies.Value = evaluation.PolicyNames;
                fingerprint.Value = evaluation.Fingerprint;
                // The one-line summary is only needed where the outcome changes, i.e. where history is written.
                summary.Value = evaluation.Outcome != change.Registration.Outcome ? evaluation.Summary : DBNull.Value;
                // Synchronous on purpose: SQLite does the work on this thread either way, and 100,000 awaits add up.
                insert.ExecuteNonQuery();
            }
        }

        var nowText = SqliteDates.Format(now);
        Execute(connection, dbTransaction, """
            INSERT INTO RegistrationOutcomeChanges (RegistrationId, UserId, AppId, AzureAdDeviceId, PreviousOutcome, Outcome, ChangedDateTime, ReasonsSummary)
            SELECT r.Id, r.UserId, r.AppId, r.AzureAdDeviceId, c.PreviousOutcome, c.Outcome, $now, c.Summary
            FROM temp.ReevaluationChanges AS c JOIN MamRegistrations AS r ON r.rowid = c.RegistrationRowId
            WHERE c.Outcome <> c.PreviousOutcome;
            UPDATE MamRegistrations
            SET Outcome = c.Outcome, ReasonsJson = c.ReasonsJson, PolicyNames = c.PolicyNames, EvaluationFingerprint = c.Fingerprint,
                OutcomeChangedDateTime = CASE WHEN c.Outcome <> c.PreviousOutcome THEN $now ELSE MamRegistrations.OutcomeChangedDateTime END
            FROM temp.ReevaluationChanges AS c
            WHERE MamRegistrations.rowid = c.RegistrationRowId;
            DELETE FROM temp.ReevaluationChanges;
            """, ("$now", nowText));
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        command.ExecuteNonQuery();
    }

    private sealed record StoredRegistration(
        long RowId, string Id, string UserId, string AppId, string AzureAdDeviceId, string? PlatformVersion, string? AppVersion, string? SdkVersion,
        DateTime LastCheckInDateTime, DeviceThreatLevel? ThreatLevel, string? ThreatConnectorId,
        EvaluationOutcome Outcome, long Fingerprint);

    private sealed record Change(StoredRegistration Registration, ExplainedEvaluation Evaluation);
}

/// <summary>DateTime text exactly as EF Core's SQLite provider stores it, for raw statements on the hot paths.</summary>
internal static class SqliteDates
{
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
