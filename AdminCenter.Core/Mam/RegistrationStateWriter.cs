using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AdminCenter.Core.Mam;

/// <summary>
/// The one writer of a registration's evaluation state (spec 04, 08): outcome, reason set, outcome history on a change,
/// and the health state (threat level, reported time, connector). Check-ins, health-report batches and re-evaluation
/// passes all write through it, inside the caller's transaction.
/// </summary>
/// <remarks>
/// "A newer report wins" is a condition of the UPDATE itself, so an older report can never replace a newer one, whichever
/// instance committed first. Callers read the rows they write with <see cref="SqlDialect.LockRowsOf"/> so that the
/// previous outcome they record in the history is the one stored. Reason sets are queued and inserted in fingerprint
/// order at <see cref="Flush"/>: two PostgreSQL transactions inserting the same sets then wait on each other in one
/// order and cannot deadlock.
/// </remarks>
internal sealed class RegistrationStateWriter : IDisposable
{
    /// <summary>The rule, once: a report replaces the current health state unless the stored one is newer (ties: the later write).</summary>
    private static string NewerReportWinsOver(string? registration, string reported)
    {
        var stored = registration is null ? "\"ThreatReportedDateTime\"" : $"{registration}.\"ThreatReportedDateTime\"";
        return $"({stored} IS NULL OR {stored} <= {reported})";
    }

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly SqlDialect _dialect;
    private readonly DateTime _now;
    private readonly SortedDictionary<long, ExplainedEvaluation> _pendingSets = [];
    private readonly HashSet<long> _storedSets = [];
    private Prepared? _health;
    private HealthStatements? _healthStatements;

    public RegistrationStateWriter(AdminCenterDbContext db, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        _connection = db.Database.GetDbConnection();
        _transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The registration state is written inside the caller's transaction.");
        _dialect = SqlDialect.Of(db.Database);
        _now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    /// <summary>Queues the reasons of an evaluation for storing (once per fingerprint) at <see cref="Flush"/>.</summary>
    public void QueueReasonSet(ExplainedEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (!_storedSets.Contains(evaluation.Fingerprint))
        {
            _pendingSets.TryAdd(evaluation.Fingerprint, evaluation);
        }
    }

    /// <summary>
    /// Makes a health report the registration's current health state unless a newer one is stored, with the evaluation
    /// it gives (null: outcome and reasons stay as stored). Returns whether the report was written.
    /// </summary>
    public bool WriteHealth(string registrationId, DeviceThreatLevel level, DateTime reportedUtc, string connectorId, ExplainedEvaluation? evaluation) =>
        WriteHealth([new HealthWrite(registrationId, level, reportedUtc, connectorId, evaluation)])[0];

    /// <summary>
    /// <see cref="WriteHealth(string, DeviceThreatLevel, DateTime, string, ExplainedEvaluation?)"/> for several
    /// registrations, each at most once; returns whether each was written. SQLite runs one prepared statement per row (in
    /// process a statement costs no round trip); PostgreSQL one statement for all of them, as a statement is a round trip.
    /// </summary>
    public bool[] WriteHealth(IReadOnlyList<HealthWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            if (write.Evaluation is { } evaluation)
            {
                QueueReasonSet(evaluation);
            }
        }
        return _dialect.IsPostgreSql ? WriteHealthAsSet(writes) : WriteHealthByRow(writes);
    }

    private bool[] WriteHealthByRow(IReadOnlyList<HealthWrite> writes)
    {
        _healthStatements ??= new HealthStatements(this);
        var written = new bool[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var statement = write.Evaluation is null ? _healthStatements.ThreatOnly : _healthStatements.WithEvaluation;
            statement.Bind(1, write.RegistrationId);
            statement.Bind(2, (int)write.Level);
            statement.Bind(3, write.ReportedUtc);
            statement.Bind(4, write.ConnectorId);
            if (write.Evaluation is { } evaluation)
            {
                statement.Bind(5, (int)evaluation.Outcome);
                statement.Bind(6, evaluation.PolicyNames);
                statement.Bind(7, evaluation.Fingerprint);
            }
            written[i] = statement.Execute() == 1;
        }
        return written;
    }

    /// <summary>
    /// One UPDATE over arrays of the writes (PostgreSQL's unnest), returning the ids it wrote. A registration twice in
    /// one statement would be updated once, by either row: callers pass each at most once.
    /// </summary>
    private bool[] WriteHealthAsSet(IReadOnlyList<HealthWrite> writes)
    {
        var count = writes.Count;
        var ids = new string[count];
        var levels = new int[count];
        var reported = new DateTime[count];
        var connectors = new string[count];
        var evaluated = new bool[count];
        var outcomes = new int[count];
        var policies = new string[count];
        var fingerprints = new long[count];
        var indexOf = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var write = writes[i];
            if (!indexOf.TryAdd(write.RegistrationId, i))
            {
                throw new ArgumentException($"Registration {write.RegistrationId} is written twice in one set.", nameof(writes));
            }
            ids[i] = write.RegistrationId;
            levels[i] = (int)write.Level;
            reported[i] = DateTime.SpecifyKind(write.ReportedUtc, DateTimeKind.Utc);
            connectors[i] = write.ConnectorId;
            evaluated[i] = write.Evaluation is not null;
            outcomes[i] = write.Evaluation is { } evaluation ? (int)evaluation.Outcome : 0;
            policies[i] = write.Evaluation?.PolicyNames ?? "";
            fingerprints[i] = write.Evaluation?.Fingerprint ?? 0;
        }
        using var update = Command($"""
            UPDATE "MamRegistrations" AS r
            SET "ThreatLevel" = u.level, "ThreatReportedDateTime" = u.reported, "ThreatConnectorId" = u.connector,
                "Outcome" = CASE WHEN u.evaluated THEN u.outcome ELSE r."Outcome" END,
                "PolicyNames" = CASE WHEN u.evaluated THEN u.policies ELSE r."PolicyNames" END,
                "EvaluationFingerprint" = CASE WHEN u.evaluated THEN u.fingerprint ELSE r."EvaluationFingerprint" END,
                "OutcomeChangedDateTime" = CASE WHEN u.evaluated AND r."Outcome" <> u.outcome THEN @now ELSE r."OutcomeChangedDateTime" END
            FROM unnest(@ids, @levels, @reported, @connectors, @evaluated, @outcomes, @policies, @fingerprints)
                AS u(id, level, reported, connector, evaluated, outcome, policies, fingerprint)
            WHERE r."Id" = u.id AND {NewerReportWinsOver("r", "u.reported")}
            RETURNING r."Id"
            """);
        var parameters = update.Parameters;
        parameters.Add(new NpgsqlParameter("@ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
        parameters.Add(new NpgsqlParameter("@levels", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = levels });
        parameters.Add(new NpgsqlParameter("@reported", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = reported });
        parameters.Add(new NpgsqlParameter("@connectors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = connectors });
        parameters.Add(new NpgsqlParameter("@evaluated", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = evaluated });
        parameters.Add(new NpgsqlParameter("@outcomes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = outcomes });
        parameters.Add(new NpgsqlParameter("@policies", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = policies });
        parameters.Add(new NpgsqlParameter("@fingerprints", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = fingerprints });
        SqlDialect.AddDateParameter(update, "@now", _now);
        var written = new bool[count];
        using var reader = update.ExecuteReader();
        while (reader.Read())
        {
            written[indexOf[reader.GetString(0)]] = true;
        }
        return written;
    }

    /// <summary>Appends an outcome change of a registration to its history (the registration's ids are copied in SQL).</summary>
    public void AppendHistory(string registrationId, EvaluationOutcome? previous, EvaluationOutcome outcome, long fingerprint)
    {
        _health ??= new Prepared(this);
        var command = _health.History;
        command.Parameters["@id"].Value = registrationId;
        command.Parameters["@previous"].Value = previous is { } value ? (int)value : DBNull.Value;
        command.Parameters["@outcome"].Value = (int)outcome;
        command.Parameters["@fingerprint"].Value = fingerprint;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Stores a re-evaluation pass's results: only registrations still as the pass read them (same fingerprint, check-in
    /// and report) are written; a check-in or report committed since then was evaluated on newer facts and stays.
    /// Returns how many outcomes changed.
    /// </summary>
    public int WriteEvaluations(IReadOnlyList<EvaluationChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return 0;
        }
        foreach (var change in changes)
        {
            QueueReasonSet(change.Evaluation);
        }
        return _dialect.IsPostgreSql ? WriteEvaluationsAsSet(changes) : WriteEvaluationsByRow(changes);
    }

    /// <summary>
    /// SQLite: one prepared UPDATE per row, then the history of the changed outcomes in statements of
    /// <see cref="HistoryRowsPerStatement"/> rows. In process a statement costs no round trip, and each registration is
    /// looked up once while its pages are in the cache; the set-based statements look every registration up three times
    /// (BENCHMARKS.md, "Re-evaluation at 1,000,000 registrations", third step). All the updates come before all the history
    /// rows, so the page cache holds the registrations and the outcome index while they are updated and then the history
    /// and its index, instead of both at once; each history statement inserts in the order of that index (user first).
    /// At 1,000,000 registrations a pass took 30.4-31.0 s instead of 35.4-36.5 s (a row and its history entry in turn),
    /// the history about 3.9 s of it instead of 6.5-7.0 s ("Re-evaluation at 1,000,000 registrations", fourth step).
    /// </summary>
    private int WriteEvaluationsByRow(IReadOnlyList<EvaluationChange> changes)
    {
        // Bound by position and stepped directly, as the health reports' updates are (HealthStatements).
        using var update = new SqliteStatement((SqliteConnection)_connection, """
            UPDATE "MamRegistrations"
            SET "Outcome" = ?2, "PolicyNames" = ?3, "EvaluationFingerprint" = ?4,
                "OutcomeChangedDateTime" = CASE WHEN "Outcome" <> ?2 THEN ?8 ELSE "OutcomeChangedDateTime" END
            WHERE "Id" = ?1 AND "EvaluationFingerprint" = ?5 AND "LastCheckInDateTime" = ?6 AND "ThreatReportedDateTime" IS ?7
            """);
        update.Bind(8, _now);
        var outcomeChanged = new bool[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            update.Bind(1, change.RegistrationId.Span);
            update.Bind(2, (int)change.Evaluation.Outcome);
            update.Bind(3, change.Evaluation.PolicyNames);
            update.Bind(4, change.Evaluation.Fingerprint);
            update.Bind(5, change.PreviousFingerprint);
            update.Bind(6, DateTime.SpecifyKind(change.LastCheckInDateTime, DateTimeKind.Utc));
            if (change.ThreatReportedDateTime is { } reported)
            {
                update.Bind(7, DateTime.SpecifyKind(reported, DateTimeKind.Utc));
            }
            else
            {
                update.Bind(7, (string?)null);
            }
            // Not written: a check-in or report changed the row since the pass read it, and its evaluation is newer.
            outcomeChanged[i] = update.Execute() == 1 && change.Evaluation.Outcome != change.PreviousOutcome;
        }
        return AppendHistoryInSets(changes, outcomeChanged);
    }

    /// <summary>
    /// History rows per statement on SQLite: enough that a statement's fixed cost is shared, few enough that its JSON
    /// stays a small object (under the large object heap's 85,000 bytes) and its sort in SQLite's memory small. One
    /// statement per chunk of 25,000 made the pass's memory grow by 320-359 MB instead of 133-136 MB.
    /// </summary>
    internal const int HistoryRowsPerStatement = 500;

    /// <summary>SQLite: the history entries of the changes marked in <paramref name="outcomeChanged"/>; returns how many.</summary>
    private int AppendHistoryInSets(IReadOnlyList<EvaluationChange> changes, bool[] outcomeChanged)
    {
        using var history = Command("""
            INSERT INTO "RegistrationOutcomeChanges" ("RegistrationId", "UserId", "AppId", "AzureAdDeviceId", "PreviousOutcome", "Outcome", "ChangedDateTime", "ReasonSetFingerprint")
            SELECT r."Id", r."UserId", r."AppId", r."AzureAdDeviceId", c.value ->> 1, c.value ->> 2, @now, c.value ->> 3
            FROM json_each(@changes) AS c JOIN "MamRegistrations" AS r ON r."Id" = c.value ->> 0
            ORDER BY r."UserId", c.key
            """);
        var rows = SqlDialect.AddParameter(history, "@changes", DbType.String);
        SqlDialect.AddDateParameter(history, "@now", _now);
        history.Prepare();
        var buffer = new ArrayBufferWriter<byte>(HistoryRowsPerStatement * 64);
        using var json = new Utf8JsonWriter(buffer);
        var inStatement = 0;
        var appended = 0;
        for (var i = 0; i < changes.Count; i++)
        {
            if (outcomeChanged[i])
            {
                if (inStatement == 0)
                {
                    json.WriteStartArray();
                }
                // [registration id, previous outcome, outcome, reason set fingerprint]
                var change = changes[i];
                json.WriteStartArray();
                json.WriteStringValue(change.RegistrationId.Span);
                json.WriteNumberValue((int)change.PreviousOutcome);
                json.WriteNumberValue((int)change.Evaluation.Outcome);
                json.WriteNumberValue(change.Evaluation.Fingerprint);
                json.WriteEndArray();
                inStatement++;
                appended++;
            }
            if (inStatement > 0 && (inStatement == HistoryRowsPerStatement || i == changes.Count - 1))
            {
                json.WriteEndArray();
                json.Flush();
                rows.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
                history.ExecuteNonQuery();
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                inStatement = 0;
            }
        }
        return appended;
    }

    /// <summary>PostgreSQL (only): the changes in a temporary table, then set-based statements (one round trip each, not per row).</summary>
    private int WriteEvaluationsAsSet(IReadOnlyList<EvaluationChange> changes)
    {
        // The changes go into a temporary table (no indexes, cheap inserts), then set-based statements do the rest.
        Execute($"""
            CREATE TEMP TABLE IF NOT EXISTS "ReevaluationChanges" (
                "RegistrationId" TEXT PRIMARY KEY, "Outcome" INTEGER NOT NULL, "PreviousOutcome" INTEGER NOT NULL,
                "PolicyNames" TEXT NOT NULL, "Fingerprint" BIGINT NOT NULL, "PreviousFingerprint" BIGINT NOT NULL,
                "LastCheckInDateTime" timestamptz NOT NULL, "ThreatReportedDateTime" timestamptz NULL)
            """);
        // TRUNCATE, not DELETE: autovacuum never visits a temporary table, so each chunk's deleted rows would stay behind
        // and every later chunk would read past them.
        Execute("""TRUNCATE "ReevaluationChanges" """);
        // One binary COPY, not an INSERT per change: a statement costs a round trip (about 33 us here), 0.8 s for a
        // chunk of 25,000. Synchronous on purpose: 25,000 awaits add up.
        using (var copy = ((NpgsqlConnection)_connection).BeginBinaryImport("""
            COPY "ReevaluationChanges" ("RegistrationId", "Outcome", "PreviousOutcome", "PolicyNames", "Fingerprint",
                "PreviousFingerprint", "LastCheckInDateTime", "ThreatReportedDateTime") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var change in changes)
            {
                copy.StartRow();
                copy.Write(change.RegistrationId.ToString(), NpgsqlDbType.Text);
                copy.Write((int)change.Evaluation.Outcome, NpgsqlDbType.Integer);
                copy.Write((int)change.PreviousOutcome, NpgsqlDbType.Integer);
                copy.Write(change.Evaluation.PolicyNames, NpgsqlDbType.Text);
                copy.Write(change.Evaluation.Fingerprint, NpgsqlDbType.Bigint);
                copy.Write(change.PreviousFingerprint, NpgsqlDbType.Bigint);
                copy.Write(DateTime.SpecifyKind(change.LastCheckInDateTime, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                if (change.ThreatReportedDateTime is { } reported)
                {
                    copy.Write(DateTime.SpecifyKind(reported, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                }
                else
                {
                    copy.WriteNull();
                }
            }
            copy.Complete();
        }

        // One statement, one join of the changes with their registrations: lock the rows in one order, keeping only those
        // that nothing changed since the pass read them (a row a check-in or report changed meanwhile is checked again
        // against its newest version once locked, and left out), then update them and write the history of each outcome
        // that changed. Returns the history rows written.
        var outcomeChanges = Execute($"""
            WITH unchanged AS (
                SELECT c."RegistrationId", c."Outcome", c."PreviousOutcome", c."PolicyNames", c."Fingerprint",
                       r."UserId", r."AppId", r."AzureAdDeviceId"
                FROM "ReevaluationChanges" AS c JOIN "MamRegistrations" AS r ON r."Id" = c."RegistrationId"
                WHERE r."EvaluationFingerprint" = c."PreviousFingerprint"
                  AND r."LastCheckInDateTime" = c."LastCheckInDateTime"
                  AND r."ThreatReportedDateTime" IS NOT DISTINCT FROM c."ThreatReportedDateTime"
                {_dialect.LockRowsOf("r")}
            ), updated AS (
                -- Run by PostgreSQL although nothing reads it, as every data-modifying WITH is.
                UPDATE "MamRegistrations"
                SET "Outcome" = u."Outcome", "PolicyNames" = u."PolicyNames", "EvaluationFingerprint" = u."Fingerprint",
                    "OutcomeChangedDateTime" = CASE WHEN u."Outcome" <> u."PreviousOutcome" THEN @now ELSE "MamRegistrations"."OutcomeChangedDateTime" END
                FROM unchanged AS u
                WHERE "MamRegistrations"."Id" = u."RegistrationId"
            )
            INSERT INTO "RegistrationOutcomeChanges" ("RegistrationId", "UserId", "AppId", "AzureAdDeviceId", "PreviousOutcome", "Outcome", "ChangedDateTime", "ReasonSetFingerprint")
            SELECT u."RegistrationId", u."UserId", u."AppId", u."AzureAdDeviceId", u."PreviousOutcome", u."Outcome", @now, u."Fingerprint"
            FROM unchanged AS u
            WHERE u."Outcome" <> u."PreviousOutcome"
            """, withNow: true);
        return outcomeChanges;
    }

    /// <summary>Inserts the queued reason sets, in fingerprint order, unless stored already.</summary>
    public void Flush()
    {
        if (_pendingSets.Count == 0)
        {
            return;
        }
        using var insert = Command("""
            INSERT INTO "EvaluationReasonSets" ("Fingerprint", "ReasonsJson", "Summary") VALUES (@fingerprint, @reasons, @summary)
            ON CONFLICT DO NOTHING
            """);
        var fingerprint = SqlDialect.AddParameter(insert, "@fingerprint", DbType.Int64);
        var reasons = SqlDialect.AddParameter(insert, "@reasons", DbType.String);
        var summary = SqlDialect.AddParameter(insert, "@summary", DbType.String);
        insert.Prepare();
        foreach (var set in _pendingSets.Values)
        {
            fingerprint.Value = set.Fingerprint;
            reasons.Value = set.ReasonsJson;
            summary.Value = set.Summary;
            insert.ExecuteNonQuery();
            _storedSets.Add(set.Fingerprint);
        }
        _pendingSets.Clear();
    }

    /// <summary>
    /// A check-in's evaluation of its tracked registration (saved by the caller's SaveChanges with the check-in): the
    /// reasons, the outcome, and a history entry when the outcome changed or the registration is new.
    /// </summary>
    public static async Task ApplyCheckInAsync(
        AdminCenterDbContext db, MamRegistration registration, ExplainedEvaluation evaluation, bool isNew, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(evaluation);
        var previous = registration.Outcome;
        if (evaluation.Fingerprint != registration.EvaluationFingerprint)
        {
            await ReasonSetStore.StoreAsync(db, evaluation, cancellationToken);
        }
        if (registration.SetEvaluation(evaluation.Outcome, evaluation.PolicyNames, evaluation.Fingerprint, nowUtc) || isNew)
        {
            db.RegistrationOutcomeChanges.Add(new RegistrationOutcomeChange(registration.Id, registration.UserId, registration.AppId,
                registration.AzureAdDeviceId, isNew ? null : previous, evaluation.Outcome, nowUtc, evaluation.Fingerprint));
        }
    }

    /// <summary>Locks a check-in's registration, if it exists, until the transaction ends (PostgreSQL; SQLite holds the database).</summary>
    public static async Task LockForCheckInAsync(AdminCenterDbContext db, string userId, string appId, string azureAdDeviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (SqlDialect.Of(db.Database).LockRowsOf("r") is { Length: > 0 } lockRows)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"""
                SELECT r."Id" FROM "MamRegistrations" AS r
                WHERE r."UserId" = @user AND r."AppId" = @app AND r."AzureAdDeviceId" = @device {lockRows}
                """;
            SqlDialect.AddParameter(command, "@user", DbType.String, userId);
            SqlDialect.AddParameter(command, "@app", DbType.String, appId);
            SqlDialect.AddParameter(command, "@device", DbType.String, azureAdDeviceId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _health?.Dispose();
        _healthStatements?.Dispose();
    }

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private int Execute(string sql, bool withNow = false)
    {
        using var command = Command(sql);
        if (withNow)
        {
            SqlDialect.AddDateParameter(command, "@now", _now);
        }
        return command.ExecuteNonQuery();
    }

    /// <summary>The prepared per-report statements, made on first use.</summary>
    private sealed class Prepared : IDisposable
    {
        public Prepared(RegistrationStateWriter owner)
        {
            History = owner.Command("""
                INSERT INTO "RegistrationOutcomeChanges" ("RegistrationId", "UserId", "AppId", "AzureAdDeviceId", "PreviousOutcome", "Outcome", "ChangedDateTime", "ReasonSetFingerprint")
                SELECT r."Id", r."UserId", r."AppId", r."AzureAdDeviceId", @previous, @outcome, @now, @fingerprint
                FROM "MamRegistrations" AS r WHERE r."Id" = @id
                """);
            SqlDialect.AddParameter(History, "@id", DbType.String);
            SqlDialect.AddParameter(History, "@previous", DbType.Int32);
            SqlDialect.AddParameter(History, "@outcome", DbType.Int32);
            SqlDialect.AddParameter(History, "@fingerprint", DbType.Int64);
            SqlDialect.AddDateParameter(History, "@now", owner._now);
            History.Prepare();
        }

        public DbCommand History { get; }

        public void Dispose() => History.Dispose();
    }

    /// <summary>
    /// SQLite's per-row health updates, bound by position and stepped directly (<see cref="SqliteStatement"/>): through
    /// Microsoft.Data.Sqlite each UPDATE looked its parameters up by name and built a data reader, and the writer spent 4.5
    /// us a report here instead of 3.5 (BENCHMARKS.md, "Health-report batches on SQLite").
    /// </summary>
    private sealed class HealthStatements : IDisposable
    {
        public HealthStatements(RegistrationStateWriter owner)
        {
            var connection = (SqliteConnection)owner._connection;
            ThreatOnly = new SqliteStatement(connection, $"""
                UPDATE "MamRegistrations" SET "ThreatLevel" = ?2, "ThreatReportedDateTime" = ?3, "ThreatConnectorId" = ?4
                WHERE "Id" = ?1 AND {NewerReportWinsOver(null, "?3")}
                """);
            WithEvaluation = new SqliteStatement(connection, $"""
                UPDATE "MamRegistrations"
                SET "ThreatLevel" = ?2, "ThreatReportedDateTime" = ?3, "ThreatConnectorId" = ?4,
                    "Outcome" = ?5, "PolicyNames" = ?6, "EvaluationFingerprint" = ?7,
                    "OutcomeChangedDateTime" = CASE WHEN "Outcome" <> ?5 THEN ?8 ELSE "OutcomeChangedDateTime" END
                WHERE "Id" = ?1 AND {NewerReportWinsOver(null, "?3")}
                """);
            WithEvaluation.Bind(8, owner._now);
        }

        public SqliteStatement ThreatOnly { get; }

        public SqliteStatement WithEvaluation { get; }

        public void Dispose()
        {
            ThreatOnly.Dispose();
            WithEvaluation.Dispose();
        }
    }
}

/// <summary>A health report to make a registration's current health state, with the evaluation it gives (null: unchanged).</summary>
internal readonly record struct HealthWrite(
    string RegistrationId,
    DeviceThreatLevel Level,
    DateTime ReportedUtc,
    string ConnectorId,
    ExplainedEvaluation? Evaluation);

/// <summary>
/// A re-evaluation result for one registration, with the state the pass read (to skip rows written since). The id is a
/// slice of the chunk's <see cref="EvaluationChanges"/>, not a string of its own.
/// </summary>
internal readonly record struct EvaluationChange(
    ReadOnlyMemory<char> RegistrationId,
    EvaluationOutcome PreviousOutcome,
    long PreviousFingerprint,
    DateTime LastCheckInDateTime,
    DateTime? ThreatReportedDateTime,
    ExplainedEvaluation Evaluation);

/// <summary>
/// A re-evaluation chunk's changes, their registration ids copied into one character array that the next chunk read into
/// this buffer reuses. A string per id lives until the chunk is written, past a collection or two, so it was promoted and
/// stayed until a full collection: at 1,000,000 registrations those ids were most of the 105 MB the managed heap grew by
/// during a pass (BENCHMARKS.md, "Re-evaluation: the pass's log and ids").
/// </summary>
internal sealed class EvaluationChanges(int capacity)
{
    // Room for ids of this many characters on average before the array grows (the app's ids are GUIDs, 36).
    private const int ExpectedIdLength = 40;

    private char[] _ids = new char[capacity * ExpectedIdLength];
    private int _used;

    public List<EvaluationChange> Items { get; } = new(capacity);

    public void Clear()
    {
        Items.Clear();
        _used = 0;
    }

    /// <summary>Adds a change for the registration <paramref name="registrationId"/>, keeping a copy of the id.</summary>
    public void Add(string registrationId, EvaluationOutcome previousOutcome, long previousFingerprint, DateTime lastCheckIn,
        DateTime? threatReported, ExplainedEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(registrationId);
        if (_used + registrationId.Length > _ids.Length)
        {
            // The changes added so far keep slices of the old array, which stays theirs.
            _ids = new char[Math.Max(_ids.Length * 2, registrationId.Length)];
            _used = 0;
        }
        registrationId.CopyTo(_ids.AsSpan(_used));
        var id = new ReadOnlyMemory<char>(_ids, _used, registrationId.Length);
        _used += registrationId.Length;
        Items.Add(new EvaluationChange(id, previousOutcome, previousFingerprint, lastCheckIn, threatReported, evaluation));
    }
}
