using System.Data;
using System.Threading.Channels;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AdminCenter.Core.Mam;

/// <summary>One health report as a partner sends it (spec 04): fields may be missing, so each item is checked on its own.</summary>
public sealed record HealthReportInput(
    string? UserPrincipalName,
    string? AppId,
    string? AzureAdDeviceId,
    string? ThreatLevel,
    DateTime? ReportedDateTime,
    string? Problem = null);

/// <summary>The answer for one item of a batch: accepted, or refused with the reason.</summary>
public sealed record HealthReportItemResult(int Index, bool Accepted, string? Reason);

/// <summary>
/// Accepts partners' health reports (spec 04): checks each item (<see cref="HealthReportChecks"/>), keeps every accepted
/// one as history, makes the newest the current health state and re-evaluates the registrations it touches (through
/// <see cref="RegistrationStateWriter"/>), and counts as the connector's heartbeat. Concurrent requests are funnelled to
/// one writer that stores whatever is waiting in one transaction, because a transaction per report would cap throughput
/// at the disk's commit rate. This funnel is a throughput optimisation only: correctness across instances comes from the
/// writer's conditional statements and row locks, never from it.
/// </summary>
public sealed partial class HealthReportIngestion(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    WalCheckpointer checkpointer,
    ILogger<HealthReportIngestion> logger) : BackgroundService
{
    public const int MaxBatchSize = HealthReportChecks.MaxBatchSize;
    private const int MaxItemsPerTransaction = 5000;

    // Only the background writer touches it.
    private readonly ReportedUserCache _users = new();

    private readonly Channel<PendingRequest> _requests = Channel.CreateBounded<PendingRequest>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// Stores a batch for <paramref name="connectorId"/>. The whole batch is refused (Conflict) when the connector is
    /// Unavailable or Not Set Up; otherwise every item gets its own answer and accepted items are stored even when
    /// others are refused.
    /// </summary>
    public async Task<ServiceResult<IReadOnlyList<HealthReportItemResult>>> IngestAsync(
        string connectorId, IReadOnlyList<HealthReportInput> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (HealthReportChecks.CheckBatchSize(items.Count) is { } tooMany)
        {
            return ServiceResult<IReadOnlyList<HealthReportItemResult>>.Invalid([new ValidationProblem("value", tooMany)]);
        }
        // Everything that needs no database happens on the caller's thread, so the writer only does what must be serial.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var checkedItems = new CheckedHealthReport[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            checkedItems[i] = HealthReportChecks.CheckItem(items[i], now);
        }
        var pending = new PendingRequest(HealthReportChecks.CanonicalConnectorId(connectorId), items, checkedItems);
        await _requests.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingRequest>();
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                var items = 0;
                while (items < MaxItemsPerTransaction && _requests.Reader.TryRead(out var next))
                {
                    group.Add(next);
                    items += next.Items.Count;
                }
                try
                {
                    await StoreAsync(group, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogStoreFailed(ex);
                    foreach (var request in group)
                    {
                        request.Completion.TrySetException(ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; callers see their own cancellation.
        }
    }

    private async Task StoreAsync(List<PendingRequest> group, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var settings = await SqlitePragmas.IngestionWriterAsync(db.Database, cancellationToken);
        // Lookups and writes in one transaction, the registrations locked from the lookup (SqlDialect.LockRowsOf): a
        // re-evaluation pass or check-in cannot slip in between and be overwritten with outcomes computed before it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var connectorIds = group.Select(r => r.ConnectorId).Distinct().ToList();
        var connectors = await db.MobileThreatDefenseConnectors.Where(c => connectorIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        // Refuse whole requests for missing or not-accepting connectors before touching anything else.
        var accepting = new List<PendingRequest>(group.Count);
        foreach (var request in group)
        {
            if (HealthReportChecks.CheckConnector(request.ConnectorId, connectors.GetValueOrDefault(request.ConnectorId)) is { } refused)
            {
                request.Completion.TrySetResult(refused);
            }
            else
            {
                accepting.Add(request);
            }
        }
        if (accepting.Count == 0)
        {
            return;
        }

        var candidates = new List<Candidate>(accepting.Sum(r => r.Items.Count));
        foreach (var request in accepting)
        {
            for (var i = 0; i < request.Items.Count; i++)
            {
                if (request.Checked[i].Refusal is { } refusal)
                {
                    request.Results[i] = new HealthReportItemResult(i, false, refusal);
                }
                else
                {
                    candidates.Add(new Candidate(request, i));
                }
            }
        }

        if (candidates.Count == 0)
        {
            // Every item was refused by the field checks (or the batch was empty): nothing to look up or store.
            Complete(accepting);
            return;
        }

        var context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);
        var users = await _users.GetAsync(db, candidates.Select(c => c.Checked.NormalizedUserPrincipalName!), context, cancellationToken);
        var found = await LookupAsync(db, candidates, users, cancellationToken);
        var accepted = new List<Candidate>(candidates.Count);
        var acceptedPerConnector = new Dictionary<string, int>();
        for (var c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            var item = candidate.Item;
            if (HealthReportChecks.CheckFound(item, users[candidate.Checked.NormalizedUserPrincipalName!] is not null, found[c] is not null) is { } refusal)
            {
                candidate.Request.Results[candidate.Index] = new HealthReportItemResult(candidate.Index, false, refusal);
                continue;
            }
            candidate.Registration = found[c];
            accepted.Add(candidate);
            acceptedPerConnector[candidate.Request.ConnectorId] = acceptedPerConnector.GetValueOrDefault(candidate.Request.ConnectorId) + 1;
            candidate.Request.Results[candidate.Index] = new HealthReportItemResult(candidate.Index, true, null);
        }

        WriteHistory(db, accepted, now);
        using (var writer = new RegistrationStateWriter(db, now))
        {
            ApplyReports(writer, accepted, context, now);
            writer.Flush();
        }
        // Every accepted report is a heartbeat for its connector (spec 02, 04); one per connector per transaction.
        foreach (var connectorId in acceptedPerConnector.Keys)
        {
            await RecordHeartbeatAsync(db, connectors[connectorId], now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!SqlDialect.Of(db.Database).IsPostgreSql)
        {
            checkpointer.Request();
        }
        Complete(accepting);
    }

    /// <summary>
    /// The heartbeat is a conditional update of its own column: it never moves Last synchronized back, and it neither
    /// checks nor bumps the admin's concurrency token, so an admin editing the connector on another instance during the
    /// batch does not make the batch fail. A heartbeat that changes the connection status (first data, data again after
    /// silence or an error) is rare: the connector is read again after the update, which on PostgreSQL holds its row lock
    /// until the commit (SQLite's write transaction holds the database), and the status change saved with that token.
    /// </summary>
    private static async Task RecordHeartbeatAsync(AdminCenterDbContext db, MobileThreatDefenseConnector connector, DateTime now, CancellationToken cancellationToken)
    {
        await db.MobileThreatDefenseConnectors
            .Where(c => c.Id == connector.Id && (c.LastHeartbeatDateTime == null || c.LastHeartbeatDateTime < now))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LastHeartbeatDateTime, now), cancellationToken);
        if (!connector.ChangesStatusOn(new ConnectorEvent.Heartbeat(), now))
        {
            return;
        }
        var entry = db.Entry(connector);
        await entry.ReloadAsync(cancellationToken);
        connector.Apply(new ConnectorEvent.Heartbeat(), now);
        // Already written above, and only if newer.
        entry.Property(c => c.LastHeartbeatDateTime).IsModified = false;
    }

    private static void Complete(List<PendingRequest> accepting)
    {
        foreach (var request in accepting)
        {
            request.Completion.TrySetResult(ServiceResult<IReadOnlyList<HealthReportItemResult>>.Success(request.Results));
        }
    }

    /// <summary>
    /// The report history keeps each accepted report as the partner sent it, older ones included. On SQLite one prepared
    /// INSERT per report, bound by position and stepped directly (<see cref="SqliteStatement"/>): in process a statement
    /// costs no round trip, and this took 1.6-2.0 us a report where one INSERT from a JSON array took 2.6-3.0 (BENCHMARKS.md,
    /// "Health-report batches on SQLite"). On PostgreSQL one INSERT from arrays, as a statement per row is a round trip.
    /// Synchronous on purpose, as the other row writes of the writer.
    /// </summary>
    private static void WriteHistory(AdminCenterDbContext db, List<Candidate> accepted, DateTime now)
    {
        if (accepted.Count == 0)
        {
            return;
        }
        if (SqlDialect.Of(db.Database).IsPostgreSql)
        {
            InsertHistoryFromArrays(db, accepted, now);
            return;
        }
        using var row = new SqliteStatement((SqliteConnection)db.Database.GetDbConnection(), """
            INSERT INTO "HealthReports" ("ConnectorId", "UserPrincipalName", "AppId", "AzureAdDeviceId", "ThreatLevel", "ReportedDateTime", "ReceivedDateTime")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """);
        row.Bind(7, now);
        foreach (var candidate in accepted)
        {
            row.Bind(1, candidate.Request.ConnectorId);
            row.Bind(2, candidate.Item.UserPrincipalName);
            row.Bind(3, candidate.Item.AppId);
            row.Bind(4, candidate.Item.AzureAdDeviceId);
            row.Bind(5, (int)candidate.Checked.Level);
            row.Bind(6, candidate.Checked.ReportedUtc);
            row.Execute();
        }
    }

    // One round trip whatever the number of reports (a COPY takes two: a single report would pay double).
    private static void InsertHistoryFromArrays(AdminCenterDbContext db, List<Candidate> accepted, DateTime now)
    {
        var count = accepted.Count;
        var (connectors, upns, apps, devices) = (new string[count], new string[count], new string[count], new string[count]);
        var (levels, reported) = (new int[count], new DateTime[count]);
        for (var i = 0; i < count; i++)
        {
            var candidate = accepted[i];
            connectors[i] = candidate.Request.ConnectorId;
            upns[i] = candidate.Item.UserPrincipalName!;
            apps[i] = candidate.Item.AppId!;
            devices[i] = candidate.Item.AzureAdDeviceId!;
            levels[i] = (int)candidate.Checked.Level;
            reported[i] = DateTime.SpecifyKind(candidate.Checked.ReportedUtc, DateTimeKind.Utc);
        }
        using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        insert.CommandText = """
            INSERT INTO "HealthReports" ("ConnectorId", "UserPrincipalName", "AppId", "AzureAdDeviceId", "ThreatLevel", "ReportedDateTime", "ReceivedDateTime")
            SELECT u.connector, u.upn, u.app, u.device, u.level, u.reported, @received
            FROM unnest(@connectors, @upns, @apps, @devices, @levels, @reported) WITH ORDINALITY AS u(connector, upn, app, device, level, reported, n)
            ORDER BY u.n
            """;
        insert.Parameters.Add(new NpgsqlParameter("@connectors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = connectors });
        insert.Parameters.Add(new NpgsqlParameter("@upns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = upns });
        insert.Parameters.Add(new NpgsqlParameter("@apps", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = apps });
        insert.Parameters.Add(new NpgsqlParameter("@devices", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = devices });
        insert.Parameters.Add(new NpgsqlParameter("@levels", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = levels });
        insert.Parameters.Add(new NpgsqlParameter("@reported", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = reported });
        SqlDialect.AddDateParameter(insert, "@received", now);
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Offers each accepted report, in the order received, to the writer with the evaluation it would give; the writer
    /// keeps it only when no newer report is stored. Reports for one registration share one row, so each sees the state
    /// the previous one left: the reports go in waves, each registration at most once per wave (its first report in the
    /// first wave, its second in the second...), and a wave is written as one set.
    /// </summary>
    private static void ApplyReports(RegistrationStateWriter writer, List<Candidate> accepted, TenantEvaluationContext context, DateTime now)
    {
        var waves = new List<List<Candidate>>();
        foreach (var candidate in accepted)
        {
            var registration = candidate.Registration!;
            var wave = registration.ReportsSoFar++;
            if (wave == waves.Count)
            {
                waves.Add(new List<Candidate>(wave == 0 ? accepted.Count : 16));
            }
            waves[wave].Add(candidate);
        }

        var evaluator = new RegistrationEvaluator(context);
        // Reports in one transaction mostly share a few reason sets: explain each once.
        var explainedSets = new Dictionary<long, ExplainedEvaluation>();
        foreach (var wave in waves)
        {
            var writes = new HealthWrite[wave.Count];
            for (var i = 0; i < wave.Count; i++)
            {
                var candidate = wave[i];
                var registration = candidate.Registration!;
                var report = candidate.Checked;
                var connectorId = candidate.Request.ConnectorId;
                evaluator.Evaluate(registration.AppId, registration.User.GroupIds,
                    new RegistrationFacts(registration.User.AccountEnabled, registration.PlatformVersion, registration.AppVersion, registration.SdkVersion,
                        registration.LastCheckInDateTime, report.Level, connectorId, registration.DeviceManufacturer, registration.DeviceModel), now);
                ExplainedEvaluation? evaluation = null;
                if (evaluator.Fingerprint != registration.EvaluationFingerprint && !explainedSets.TryGetValue(evaluator.Fingerprint, out evaluation))
                {
                    explainedSets[evaluator.Fingerprint] = evaluation = evaluator.Explain();
                }
                writes[i] = new HealthWrite(registration.Id, report.Level, report.ReportedUtc, connectorId, evaluation);
            }
            var written = writer.WriteHealth(writes);
            for (var i = 0; i < wave.Count; i++)
            {
                // Not written: a newer report is stored, and this one stays in the history only.
                if (!written[i] || writes[i].Evaluation is not { } evaluation)
                {
                    continue;
                }
                var registration = wave[i].Registration!;
                if (evaluation.Outcome != registration.Outcome)
                {
                    writer.AppendHistory(registration.Id, registration.Outcome, evaluation.Outcome, evaluation.Fingerprint);
                }
                registration.Outcome = evaluation.Outcome;
                registration.EvaluationFingerprint = evaluation.Fingerprint;
            }
        }
    }

    /// <summary>
    /// Finds each candidate's registration, locked until the transaction ends: null where the user is unknown or has no
    /// such registration. Reports for the same registration share one row. PostgreSQL: one statement over a JSON array of
    /// (candidate, user, app, device), as a statement is a round trip; SQLite: one prepared statement per report.
    /// </summary>
    private static async Task<RegistrationRow?[]> LookupAsync(
        AdminCenterDbContext db, List<Candidate> candidates, IReadOnlyDictionary<string, ReportedUser?> users, CancellationToken cancellationToken)
    {
        var found = new RegistrationRow?[candidates.Count];
        var usersOf = new ReportedUser?[candidates.Count];
        var anyKnown = false;
        for (var c = 0; c < candidates.Count; c++)
        {
            usersOf[c] = users[candidates[c].Checked.NormalizedUserPrincipalName!];
            anyKnown |= usersOf[c] is not null;
        }
        if (!anyKnown)
        {
            return found;
        }

        var dialect = SqlDialect.Of(db.Database);
        var registrations = new Dictionary<string, RegistrationRow>(candidates.Count, StringComparer.Ordinal);
        if (dialect.IsPostgreSql)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"""
                SELECT CAST(j.value ->> 0 AS INTEGER), r."Id", r."AppId", r."PlatformVersion", r."AppVersion", r."SdkVersion", r."LastCheckInDateTime",
                       r."Outcome", r."EvaluationFingerprint", r."DeviceManufacturer", r."DeviceModel"
                FROM {dialect.ElementsOf("@items", "j")}
                JOIN "MamRegistrations" AS r
                    ON r."UserId" = j.value ->> 1 AND r."AppId" = j.value ->> 2 AND r."AzureAdDeviceId" = j.value ->> 3
                {dialect.LockRowsOf("r")}
                """;
            SqlDialect.AddParameter(command, "@items", DbType.String, ItemsJson(candidates, usersOf));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = new DataReaderColumns(reader);
            while (await reader.ReadAsync(cancellationToken))
            {
                Read(reader.GetInt32(0), columns, 1);
            }
        }
        else
        {
            // One prepared SELECT per report, stepped directly (SqliteStatement): in process a statement costs no round
            // trip, and it took 4.1-4.3 us a report where the JSON join (PostgreSQL's form) took 4.5 (BENCHMARKS.md,
            // "Health-report batches on SQLite"). In the caller's transaction, on the same connection.
            using var statement = new SqliteStatement((SqliteConnection)db.Database.GetDbConnection(), """
                SELECT r."Id", r."AppId", r."PlatformVersion", r."AppVersion", r."SdkVersion", r."LastCheckInDateTime",
                       r."Outcome", r."EvaluationFingerprint", r."DeviceManufacturer", r."DeviceModel"
                FROM "MamRegistrations" AS r
                WHERE r."UserId" = ?1 AND r."AppId" = ?2 AND r."AzureAdDeviceId" = ?3
                """);
            for (var c = 0; c < candidates.Count; c++)
            {
                if (usersOf[c] is not { } user)
                {
                    continue;
                }
                var item = candidates[c].Item;
                if (user.IdAsGuid is { } guid)
                {
                    statement.Bind(1, guid);
                }
                else
                {
                    statement.Bind(1, user.Id);
                }
                statement.Bind(2, item.AppId);
                statement.Bind(3, item.AzureAdDeviceId);
                if (statement.Read())
                {
                    Read(c, statement, 0);
                }
                statement.Reset();
            }
        }
        return found;

        // The registration's columns from column <first> on, for candidate <candidate>.
        void Read<TColumns>(int candidate, TColumns row, int first) where TColumns : IRowColumns
        {
            var id = row.GetString(first)!;
            if (!registrations.TryGetValue(id, out var registration))
            {
                registrations[id] = registration = new RegistrationRow
                {
                    Id = id,
                    User = usersOf[candidate]!,
                    AppId = row.GetSharedString(first + 1)!,
                    PlatformVersion = row.GetSharedString(first + 2),
                    AppVersion = row.GetSharedString(first + 3),
                    SdkVersion = row.GetSharedString(first + 4),
                    LastCheckInDateTime = row.GetUtcDateTime(first + 5),
                    Outcome = (EvaluationOutcome)row.GetInt32(first + 6),
                    EvaluationFingerprint = row.GetInt64(first + 7),
                    DeviceManufacturer = row.GetSharedString(first + 8),
                    DeviceModel = row.GetSharedString(first + 9),
                };
            }
            found[candidate] = registration;
        }
    }

    // One entry per candidate of a known user, led by the candidate's index.
    private static string ItemsJson(List<Candidate> candidates, ReportedUser?[] users)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(candidates.Count, 1) * 96);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var c = 0; c < candidates.Count; c++)
            {
                if (users[c] is not { } user)
                {
                    continue;
                }
                var item = candidates[c].Item;
                json.WriteStartArray();
                json.WriteNumberValue(c);
                json.WriteStringValue(user.Id);
                json.WriteStringValue(item.AppId);
                json.WriteStringValue(item.AzureAdDeviceId);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An item that passed the field checks: its request and its index there.</summary>
    private sealed class Candidate(PendingRequest request, int index)
    {
        public PendingRequest Request { get; } = request;

        public int Index { get; } = index;

        public HealthReportInput Item => Request.Items[Index];

        public CheckedHealthReport Checked => Request.Checked[Index];

        /// <summary>The registration the report is for, once it is accepted.</summary>
        public RegistrationRow? Registration { get; set; }
    }

    /// <summary>What ingestion reads of a registration, and the evaluation state it leaves as reports are applied.</summary>
    private sealed class RegistrationRow
    {
        public required string Id { get; init; }
        public required ReportedUser User { get; init; }
        public required string AppId { get; init; }
        public string? PlatformVersion { get; init; }
        public string? AppVersion { get; init; }
        public string? SdkVersion { get; init; }
        public string? DeviceManufacturer { get; init; }
        public string? DeviceModel { get; init; }
        public DateTime LastCheckInDateTime { get; init; }
        public EvaluationOutcome Outcome { get; set; }
        public long EvaluationFingerprint { get; set; }

        /// <summary>Accepted reports for this registration placed in waves so far in this transaction.</summary>
        public int ReportsSoFar { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing health reports failed; the partners were told and may send them again")]
    private partial void LogStoreFailed(Exception exception);

    private sealed class PendingRequest(string connectorId, IReadOnlyList<HealthReportInput> items, CheckedHealthReport[] checkedItems)
    {
        public string ConnectorId { get; } = connectorId;

        public IReadOnlyList<HealthReportInput> Items { get; } = items;

        public CheckedHealthReport[] Checked { get; } = checkedItems;

        public HealthReportItemResult[] Results { get; } = new HealthReportItemResult[items.Count];

        public TaskCompletionSource<ServiceResult<IReadOnlyList<HealthReportItemResult>>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
