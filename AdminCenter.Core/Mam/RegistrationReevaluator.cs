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
        var changes = new List<Change>();
        await foreach (var registration in ReadRegistrationsAsync(db, cancellationToken))
        {
            evaluator.Evaluate(registration.AppId, groupsByUser.GetValueOrDefault(registration.UserId, noGroups),
                new RegistrationFacts(enabledByUser.GetValueOrDefault(registration.UserId, true), registration.PlatformVersion, registration.AppVersion,
                    registration.SdkVersion, registration.LastCheckInDateTime, registration.ThreatLevel, registration.ThreatConnectorId), now);
            if (evaluator.Fingerprint != registration.Fingerprint)
            {
                changes.Add(new Change(registration, evaluator.Explain()));
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

    // EF's change tracking costs far more than the evaluation at this volume: prepared statements in one transaction.
    private static async Task WriteAsync(AdminCenterDbContext db, List<Change> changes, DateTime now, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dbTransaction = (SqliteTransaction)transaction.GetDbTransaction();

        await using var update = connection.CreateCommand();
        update.Transaction = dbTransaction;
        update.CommandText = """
            UPDATE MamRegistrations
            SET Outcome = $outcome, ReasonsJson = $reasons, PolicyNames = $policies, EvaluationFingerprint = $fingerprint,
                OutcomeChangedDateTime = CASE WHEN Outcome <> $outcome THEN $now ELSE OutcomeChangedDateTime END
            WHERE rowid = $rowid
            """;
        var updateOutcome = update.Parameters.Add("$outcome", SqliteType.Text);
        var updateReasons = update.Parameters.Add("$reasons", SqliteType.Text);
        var updatePolicies = update.Parameters.Add("$policies", SqliteType.Text);
        var updateNow = update.Parameters.Add("$now", SqliteType.Text);
        var updateRowId = update.Parameters.Add("$rowid", SqliteType.Integer);
        var updateFingerprint = update.Parameters.Add("$fingerprint", SqliteType.Integer);
        update.Prepare();

        await using var history = connection.CreateCommand();
        history.Transaction = dbTransaction;
        history.CommandText = """
            INSERT INTO RegistrationOutcomeChanges (RegistrationId, UserId, AppId, AzureAdDeviceId, PreviousOutcome, Outcome, ChangedDateTime, ReasonsSummary)
            VALUES ($registration, $user, $app, $device, $previous, $outcome, $now, $summary)
            """;
        var historyRegistration = history.Parameters.Add("$registration", SqliteType.Text);
        var historyUser = history.Parameters.Add("$user", SqliteType.Text);
        var historyApp = history.Parameters.Add("$app", SqliteType.Text);
        var historyDevice = history.Parameters.Add("$device", SqliteType.Text);
        var historyPrevious = history.Parameters.Add("$previous", SqliteType.Text);
        var historyOutcome = history.Parameters.Add("$outcome", SqliteType.Text);
        var historyNow = history.Parameters.Add("$now", SqliteType.Text);
        var historySummary = history.Parameters.Add("$summary", SqliteType.Text);
        history.Prepare();

        var nowText = SqliteDates.Format(now);
        foreach (var change in changes)
        {
            var evaluation = change.Evaluation;
            updateOutcome.Value = evaluation.Outcome.ToString();
            updateReasons.Value = evaluation.ReasonsJson;
            updatePolicies.Value = evaluation.PolicyNames;
            updateFingerprint.Value = evaluation.Fingerprint;
            updateNow.Value = nowText;
            updateRowId.Value = change.Registration.RowId;
            // Synchronous on purpose: SQLite does the work on this thread either way, and 100,000 awaits add up.
            update.ExecuteNonQuery();
            if (evaluation.Outcome != change.Registration.Outcome)
            {
                historyRegistration.Value = change.Registration.Id;
                historyUser.Value = change.Registration.UserId;
                historyApp.Value = change.Registration.AppId;
                historyDevice.Value = change.Registration.AzureAdDeviceId;
                historyPrevious.Value = change.Registration.Outcome.ToString();
                historyOutcome.Value = evaluation.Outcome.ToString();
                historyNow.Value = nowText;
                historySummary.Value = evaluation.Summary;
                history.ExecuteNonQuery();
            }
        }
        await transaction.CommitAsync(cancellationToken);
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
