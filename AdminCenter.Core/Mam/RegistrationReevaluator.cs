using System.Collections.Concurrent;
using System.Globalization;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Evaluates every registration again after a change that may affect many (spec 04: a policy, an assignment, group
/// membership, a user's state, a connector). Stores the state, and history, only where the outcome or reasons changed.
/// Built for 100,000 registrations: one read, the allocation-free evaluation on every core, reasons explained and
/// stored once per distinct set, one write transaction for just the changed rows.
/// </summary>
public sealed class RegistrationReevaluator(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>Re-evaluates every registration; returns how many outcomes changed.</summary>
    public async Task<int> ReevaluateAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // The write lock is taken before reading: a check-in or health report committed between this pass's read and
        // its write would otherwise be overwritten with an outcome computed from the registration's older state.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);
        var registrations = ReadRegistrations(db, context);

        // Evaluating is allocation-free, explaining is not: explain once per distinct fingerprint, on every core.
        var fingerprints = new long[registrations.Count];
        var outcomes = new EvaluationOutcome[registrations.Count];
        var explained = new ConcurrentDictionary<long, ExplainedEvaluation>();
        Parallel.For(0, registrations.Count, new ParallelOptions { CancellationToken = cancellationToken },
            () => new RegistrationEvaluator(context),
            (i, _, local) =>
            {
                var registration = registrations[i];
                local.Evaluate(registration.AppId, registration.GroupIds, registration.Facts, now);
                fingerprints[i] = local.Fingerprint;
                outcomes[i] = local.Outcome;
                if (local.Fingerprint != registration.Fingerprint && !explained.ContainsKey(local.Fingerprint))
                {
                    explained.TryAdd(local.Fingerprint, local.Explain());
                }
                return local;
            },
            _ => { });

        var changes = new List<Change>();
        var outcomeChanges = 0;
        for (var i = 0; i < registrations.Count; i++)
        {
            if (fingerprints[i] != registrations[i].Fingerprint)
            {
                changes.Add(new Change(registrations[i].RowId, registrations[i].Outcome, explained[fingerprints[i]]));
                outcomeChanges += outcomes[i] != registrations[i].Outcome ? 1 : 0;
            }
        }
        if (changes.Count > 0)
        {
            Write(db, (SqliteTransaction)transaction.GetDbTransaction(), changes, explained.Values, now);
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomeChanges;
    }

    // A plain reader, joined with the user's account state and the user's groups that any policy assigns: materializing
    // 100,000 entities through EF, or a set of groups per user, costs more than evaluating them.
    private static List<StoredRegistration> ReadRegistrations(AdminCenterDbContext db, TenantEvaluationContext context)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            SELECT r.rowid, r.AppId, r.PlatformVersion, r.AppVersion, r.SdkVersion, r.LastCheckInDateTime, {StoredEnums.ThreatLevelAsNumber("r.ThreatLevel")}, r.ThreatConnectorId,
                   {StoredEnums.OutcomeAsNumber("r.Outcome")}, r.EvaluationFingerprint, u.AccountEnabled, {AssignedGroupSets.Subquery("r.UserId")},
                   r.DeviceManufacturer, r.DeviceModel
            FROM MamRegistrations AS r JOIN Users AS u ON u.Id = r.UserId
            """;
        var groupsParameter = command.CreateParameter();
        groupsParameter.ParameterName = AssignedGroupSets.Parameter;
        groupsParameter.Value = AssignedGroupSets.ParameterValue(context);
        command.Parameters.Add(groupsParameter);

        var groupSets = new AssignedGroupSets();
        var appIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var registrations = new List<StoredRegistration>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var groups = groupSets.Read(reader, 11);
            var appId = reader.GetString(1);
            if (!appIds.TryGetValue(appId, out var sharedAppId))
            {
                appIds[appId] = sharedAppId = appId;
            }
            registrations.Add(new StoredRegistration(
                reader.GetInt64(0),
                sharedAppId,
                groups,
                new RegistrationFacts(
                    reader.GetBoolean(10),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    SqliteDates.Parse(reader.GetString(5)),
                    reader.IsDBNull(6) ? null : (DeviceThreatLevel)reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(12) ? null : reader.GetString(12),
                    reader.IsDBNull(13) ? null : reader.GetString(13)),
                (EvaluationOutcome)reader.GetInt32(8),
                reader.GetInt64(9)));
        }
        return registrations;
    }

    // EF's change tracking costs far more than the evaluation at this volume. The changes go into a temporary table
    // (no indexes, cheap inserts), then two set-based statements update the registrations and append the history.
    private static void Write(
        AdminCenterDbContext db, SqliteTransaction transaction, List<Change> changes, IEnumerable<ExplainedEvaluation> reasonSets, DateTime now)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using (var sets = new ReasonSetStore.BatchWriter(connection, transaction))
        {
            foreach (var set in reasonSets)
            {
                sets.Store(set);
            }
        }

        Execute(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS ReevaluationChanges (
                RegistrationRowId INTEGER PRIMARY KEY, Outcome TEXT NOT NULL, PreviousOutcome TEXT NOT NULL, PolicyNames TEXT NOT NULL,
                Fingerprint INTEGER NOT NULL);
            DELETE FROM temp.ReevaluationChanges;
            """);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO temp.ReevaluationChanges (RegistrationRowId, Outcome, PreviousOutcome, PolicyNames, Fingerprint)
                VALUES ($rowid, $outcome, $previous, $policies, $fingerprint)
                """;
            var rowId = insert.Parameters.Add("$rowid", SqliteType.Integer);
            var outcome = insert.Parameters.Add("$outcome", SqliteType.Text);
            var previous = insert.Parameters.Add("$previous", SqliteType.Text);
            var policies = insert.Parameters.Add("$policies", SqliteType.Text);
            var fingerprint = insert.Parameters.Add("$fingerprint", SqliteType.Integer);
            insert.Prepare();
            foreach (var change in changes)
            {
                rowId.Value = change.RowId;
                outcome.Value = StoredEnums.Text(change.Evaluation.Outcome);
                previous.Value = StoredEnums.Text(change.PreviousOutcome);
                policies.Value = change.Evaluation.PolicyNames;
                fingerprint.Value = change.Evaluation.Fingerprint;
                // Synchronous on purpose: SQLite does the work on this thread either way, and 100,000 awaits add up.
                insert.ExecuteNonQuery();
            }
        }

        Execute(connection, transaction, """
            INSERT INTO RegistrationOutcomeChanges (RegistrationId, UserId, AppId, AzureAdDeviceId, PreviousOutcome, Outcome, ChangedDateTime, ReasonSetFingerprint)
            SELECT r.Id, r.UserId, r.AppId, r.AzureAdDeviceId, c.PreviousOutcome, c.Outcome, $now, c.Fingerprint
            FROM temp.ReevaluationChanges AS c JOIN MamRegistrations AS r ON r.rowid = c.RegistrationRowId
            WHERE c.Outcome <> c.PreviousOutcome;
            UPDATE MamRegistrations
            SET Outcome = c.Outcome, PolicyNames = c.PolicyNames, EvaluationFingerprint = c.Fingerprint,
                OutcomeChangedDateTime = CASE WHEN c.Outcome <> c.PreviousOutcome THEN $now ELSE MamRegistrations.OutcomeChangedDateTime END
            FROM temp.ReevaluationChanges AS c
            WHERE MamRegistrations.rowid = c.RegistrationRowId;
            DELETE FROM temp.ReevaluationChanges;
            """, ("$now", SqliteDates.Format(now)));
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
        long RowId, string AppId, IReadOnlySet<string> GroupIds, RegistrationFacts Facts, EvaluationOutcome Outcome, long Fingerprint);

    private sealed record Change(long RowId, EvaluationOutcome PreviousOutcome, ExplainedEvaluation Evaluation);
}

/// <summary>DateTime text exactly as EF Core's SQLite provider stores it, for raw statements on the hot paths.</summary>
internal static class SqliteDates
{
    private const string StoredFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static string Format(DateTime utc) => utc.ToString(StoredFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads what <see cref="Format"/> wrote, as UTC. The fixed layout is read digit by digit (hot paths read two dates
    /// per registration); anything else falls back to the general parser.
    /// </summary>
    public static DateTime Parse(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Length >= 19 && stored[4] == '-' && stored[7] == '-' && stored[10] == ' ' && stored[13] == ':' && stored[16] == ':'
            && TryDigits(stored, 0, 4, out var year) && TryDigits(stored, 5, 2, out var month) && TryDigits(stored, 8, 2, out var day)
            && TryDigits(stored, 11, 2, out var hour) && TryDigits(stored, 14, 2, out var minute) && TryDigits(stored, 17, 2, out var second)
            && TryFraction(stored, out var ticks)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
        {
            return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        }
        return DateTime.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }
            value = (value * 10) + digit;
        }
        return true;
    }

    // ".FFFFFFF": up to seven digits of a second, in ticks; absent when the fraction is zero.
    private static bool TryFraction(string text, out long ticks)
    {
        ticks = 0;
        if (text.Length == 19)
        {
            return true;
        }
        if (text[19] != '.' || text.Length is < 21 or > 27)
        {
            return false;
        }
        var digits = 0;
        for (var i = 20; i < text.Length; i++, digits++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }
            ticks = (ticks * 10) + digit;
        }
        for (; digits < 7; digits++)
        {
            ticks *= 10;
        }
        return true;
    }
}
