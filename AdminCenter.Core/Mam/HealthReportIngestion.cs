using System.Globalization;
using System.Threading.Channels;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
/// Accepts partners' health reports (spec 04): checks each item, keeps every accepted one as history, makes the newest
/// the current health state, re-evaluates the registrations it touches, and counts as the connector's heartbeat.
/// Concurrent requests are funnelled to one writer that stores whatever is waiting in one transaction, because SQLite
/// has one writer and a transaction per report would cap throughput at the disk's commit rate. Everything that needs
/// no database (field checks, normalizing) happens on the caller's thread, so the writer only does what must be serial.
/// </summary>
public sealed partial class HealthReportIngestion(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<HealthReportIngestion> logger) : BackgroundService
{
    public const int MaxBatchSize = 1000;
    private const int MaxItemsPerTransaction = 5000;
    private const int MaxCachedUsers = 250_000;
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    // The reported users, by normalized UPN (null: not in the directory), as of DirectoryVersion _usersVersion. Only the
    // writer touches it. Partners report the same devices over and over, and the directory rarely changes.
    private readonly Dictionary<string, LookedUpUser?> _users = new(StringComparer.Ordinal);
    private long _usersVersion = -1;

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
        if (items.Count > MaxBatchSize)
        {
            return ServiceResult<IReadOnlyList<HealthReportItemResult>>.Invalid(
                [new ValidationProblem("value", $"A request holds at most {MaxBatchSize} reports; this one has {items.Count}.")]);
        }
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var checkedItems = new CheckedItem[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var refusal = Check(items[i], now, out var level);
            checkedItems[i] = refusal is null
                ? new CheckedItem(null, level, items[i].ReportedDateTime!.Value.ToUniversalTime(), DirectoryUser.Normalize(items[i].UserPrincipalName!))
                : new CheckedItem(refusal, default, default, null);
        }
        var pending = new PendingRequest(PartnerCatalog.TryFind(connectorId, out var partner) ? partner.ConnectorId : connectorId, items, checkedItems);
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
        // Lookups and writes in one write transaction: a re-evaluation pass cannot slip in between and be overwritten
        // with outcomes computed from the policies this group read before it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var connectorIds = group.Select(r => r.ConnectorId).Distinct().ToList();
        var connectors = await db.MobileThreatDefenseConnectors.Where(c => connectorIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        // Refuse whole requests for missing or not-accepting connectors before touching anything else.
        var accepting = new List<PendingRequest>(group.Count);
        foreach (var request in group)
        {
            if (!connectors.TryGetValue(request.ConnectorId, out var connector))
            {
                request.Completion.TrySetResult(ServiceResult<IReadOnlyList<HealthReportItemResult>>.NotFound("connectorId", $"No connector with id '{request.ConnectorId}'."));
            }
            else if (connector.PartnerState is ConnectorPartnerState.Unavailable or ConnectorPartnerState.NotSetUp)
            {
                request.Completion.TrySetResult(ServiceResult<IReadOnlyList<HealthReportItemResult>>.Conflict("connectorId",
                    $"The {connector.Partner.Name} connector is {connector.PartnerState.ToDisplayName()}; its health reports are not accepted."));
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

        var candidates = new List<(PendingRequest Request, int Index)>();
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
                    candidates.Add((request, i));
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
        var found = Lookup(db, candidates, await UsersAsync(db, candidates, context, cancellationToken));
        var history = new List<AcceptedReport>(candidates.Count);
        var touched = new Dictionary<long, RegistrationRow>();
        var acceptedPerConnector = new Dictionary<string, int>();
        for (var c = 0; c < candidates.Count; c++)
        {
            var (request, index) = candidates[c];
            var item = request.Items[index];
            var registration = found[c];
            if (registration is null)
            {
                request.Results[index] = new HealthReportItemResult(index, false, $"unknown user: '{item.UserPrincipalName}' is not in the directory");
                continue;
            }
            if (!registration.IsEnrolled)
            {
                request.Results[index] = new HealthReportItemResult(index, false,
                    $"user not MAM-enrolled: '{item.UserPrincipalName}' has no registration of {item.AppId} on device {item.AzureAdDeviceId}");
                continue;
            }
            var reported = request.Checked[index];
            history.Add(new AcceptedReport(request.ConnectorId, item, reported.Level, reported.ReportedUtc));
            if (registration.ApplyHealthReport(reported.Level, reported.ReportedUtc, request.ConnectorId))
            {
                touched[registration.RowId] = registration;
            }
            acceptedPerConnector[request.ConnectorId] = acceptedPerConnector.GetValueOrDefault(request.ConnectorId) + 1;
            request.Results[index] = new HealthReportItemResult(index, true, null);
        }

        Write(db, (SqliteTransaction)transaction.GetDbTransaction(), history, touched.Values, context, now);
        // Every accepted report is a heartbeat for its connector (spec 02, 04); one per connector per transaction.
        foreach (var connectorId in acceptedPerConnector.Keys)
        {
            connectors[connectorId].Apply(new ConnectorEvent.Heartbeat(), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Complete(accepting);
    }

    private static void Complete(List<PendingRequest> accepting)
    {
        foreach (var request in accepting)
        {
            request.Completion.TrySetResult(ServiceResult<IReadOnlyList<HealthReportItemResult>>.Success(request.Results));
        }
    }

    private static string? Check(HealthReportInput item, DateTime now, out DeviceThreatLevel level)
    {
        level = default;
        if (item.Problem is not null)
        {
            return item.Problem;
        }
        if (string.IsNullOrWhiteSpace(item.UserPrincipalName))
        {
            return "userPrincipalName is required";
        }
        if (string.IsNullOrWhiteSpace(item.AppId))
        {
            return "appId is required";
        }
        if (string.IsNullOrWhiteSpace(item.AzureAdDeviceId))
        {
            return "azureAdDeviceId is required";
        }
        // The API's reader refuses these already; other callers get the same rules, and the writer never sees bad text.
        if ((FieldRules.Check("userPrincipalName", item.UserPrincipalName, FieldKind.UserPrincipalName)
            ?? FieldRules.Check("appId", item.AppId, FieldKind.Identifier)
            ?? FieldRules.Check("azureAdDeviceId", item.AzureAdDeviceId, FieldKind.Identifier)) is { } textProblem)
        {
            return textProblem;
        }
        if (!HealthChecks.TryParseThreatLevel(item.ThreatLevel, out level) || level == DeviceThreatLevel.NotConfigured)
        {
            return $"threatLevel must be one of secured, low, medium, high (got '{item.ThreatLevel}')";
        }
        if (item.ReportedDateTime is not { } reported)
        {
            return "reportedDateTime is required";
        }
        if (reported.ToUniversalTime() > now + AllowedClockSkew)
        {
            return $"reportedDateTime {reported.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} is in the future (more than 5 minutes ahead of the server's clock)";
        }
        return null;
    }

    // Row statements run synchronously: SQLite works on this thread either way, and an await per row adds up. The
    // report history keeps each report as the partner sent it; outcome history copies the registration's ids in SQL.
    private static void Write(
        AdminCenterDbContext db,
        SqliteTransaction transaction,
        List<AcceptedReport> history,
        IEnumerable<RegistrationRow> touched,
        TenantEvaluationContext context,
        DateTime now)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var nowText = SqliteDates.Format(now);

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO HealthReports (ConnectorId, UserPrincipalName, AppId, AzureAdDeviceId, ThreatLevel, ReportedDateTime, ReceivedDateTime)
                VALUES ($connector, $upn, $app, $device, $level, $reported, $received)
                """;
            var historyConnector = insert.Parameters.Add("$connector", SqliteType.Text);
            var historyUpn = insert.Parameters.Add("$upn", SqliteType.Text);
            var historyApp = insert.Parameters.Add("$app", SqliteType.Text);
            var historyDevice = insert.Parameters.Add("$device", SqliteType.Text);
            var historyLevel = insert.Parameters.Add("$level", SqliteType.Text);
            var historyReported = insert.Parameters.Add("$reported", SqliteType.Text);
            insert.Parameters.AddWithValue("$received", nowText);
            insert.Prepare();
            foreach (var report in history)
            {
                historyConnector.Value = report.ConnectorId;
                historyUpn.Value = report.Item.UserPrincipalName;
                historyApp.Value = report.Item.AppId;
                historyDevice.Value = report.Item.AzureAdDeviceId;
                historyLevel.Value = StoredEnums.Text(report.Level);
                historyReported.Value = SqliteDates.Format(report.ReportedUtc);
                insert.ExecuteNonQuery();
            }
        }

        using var update = connection.CreateCommand();
        using var threatOnly = connection.CreateCommand();
        using var outcomeChange = connection.CreateCommand();
        using var reasonSets = new ReasonSetStore.BatchWriter(connection, transaction);
        threatOnly.Transaction = transaction;
        threatOnly.CommandText = "UPDATE MamRegistrations SET ThreatLevel = $level, ThreatReportedDateTime = $reported, ThreatConnectorId = $connector WHERE rowid = $id";
        var threatOnlyLevel = threatOnly.Parameters.Add("$level", SqliteType.Text);
        var threatOnlyReported = threatOnly.Parameters.Add("$reported", SqliteType.Text);
        var threatOnlyConnector = threatOnly.Parameters.Add("$connector", SqliteType.Text);
        var threatOnlyId = threatOnly.Parameters.Add("$id", SqliteType.Integer);
        threatOnly.Prepare();

        update.Transaction = transaction;
        update.CommandText = """
            UPDATE MamRegistrations
            SET ThreatLevel = $level, ThreatReportedDateTime = $reported, ThreatConnectorId = $connector,
                Outcome = $outcome, PolicyNames = $policies, EvaluationFingerprint = $fingerprint,
                OutcomeChangedDateTime = CASE WHEN Outcome <> $outcome THEN $now ELSE OutcomeChangedDateTime END
            WHERE rowid = $id
            """;
        var level = update.Parameters.Add("$level", SqliteType.Text);
        var reported = update.Parameters.Add("$reported", SqliteType.Text);
        var connector = update.Parameters.Add("$connector", SqliteType.Text);
        var outcome = update.Parameters.Add("$outcome", SqliteType.Text);
        var policies = update.Parameters.Add("$policies", SqliteType.Text);
        update.Parameters.AddWithValue("$now", nowText);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        var fingerprint = update.Parameters.Add("$fingerprint", SqliteType.Integer);
        update.Prepare();

        outcomeChange.Transaction = transaction;
        outcomeChange.CommandText = """
            INSERT INTO RegistrationOutcomeChanges (RegistrationId, UserId, AppId, AzureAdDeviceId, PreviousOutcome, Outcome, ChangedDateTime, ReasonSetFingerprint)
            SELECT r.Id, r.UserId, r.AppId, r.AzureAdDeviceId, $previous, $outcome, $now, $fingerprint
            FROM MamRegistrations AS r WHERE r.rowid = $id
            """;
        var changeId = outcomeChange.Parameters.Add("$id", SqliteType.Integer);
        var changePrevious = outcomeChange.Parameters.Add("$previous", SqliteType.Text);
        var changeOutcome = outcomeChange.Parameters.Add("$outcome", SqliteType.Text);
        outcomeChange.Parameters.AddWithValue("$now", nowText);
        var changeFingerprint = outcomeChange.Parameters.Add("$fingerprint", SqliteType.Integer);
        outcomeChange.Prepare();

        var evaluator = new RegistrationEvaluator(context);
        var explainedSets = new Dictionary<long, ExplainedEvaluation>();
        foreach (var registration in touched)
        {
            evaluator.Evaluate(registration.AppId, registration.User.GroupIds,
                new RegistrationFacts(registration.User.AccountEnabled, registration.PlatformVersion, registration.AppVersion, registration.SdkVersion,
                    registration.LastCheckInDateTime, registration.ThreatLevel, registration.ThreatConnectorId,
                    registration.DeviceManufacturer, registration.DeviceModel), now);
            var levelText = StoredEnums.Text(registration.ThreatLevel!.Value);
            var reportedText = SqliteDates.Format(registration.ThreatReportedDateTime!.Value);
            if (evaluator.Fingerprint == registration.EvaluationFingerprint)
            {
                // Same outcome and same reasons: only the health state moves.
                threatOnlyLevel.Value = levelText;
                threatOnlyReported.Value = reportedText;
                threatOnlyConnector.Value = registration.ThreatConnectorId;
                threatOnlyId.Value = registration.RowId;
                threatOnly.ExecuteNonQuery();
                continue;
            }
            // Reports in one transaction mostly share a few reason sets: explain each once.
            if (!explainedSets.TryGetValue(evaluator.Fingerprint, out var evaluation))
            {
                explainedSets[evaluator.Fingerprint] = evaluation = evaluator.Explain();
                reasonSets.Store(evaluation);
            }
            level.Value = levelText;
            reported.Value = reportedText;
            connector.Value = registration.ThreatConnectorId;
            id.Value = registration.RowId;
            outcome.Value = StoredEnums.Text(evaluation.Outcome);
            policies.Value = evaluation.PolicyNames;
            fingerprint.Value = evaluation.Fingerprint;
            update.ExecuteNonQuery();

            if (evaluation.Outcome != registration.Outcome)
            {
                changeId.Value = registration.RowId;
                changePrevious.Value = StoredEnums.Text(registration.Outcome);
                changeOutcome.Value = outcome.Value;
                changeFingerprint.Value = evaluation.Fingerprint;
                outcomeChange.ExecuteNonQuery();
            }
            registration.Outcome = evaluation.Outcome;
            registration.EvaluationFingerprint = evaluation.Fingerprint;
        }
    }

    /// <summary>
    /// The candidates' users from the cache, reading only the ones it lacks; the whole cache is dropped when the
    /// directory changed since it was filled (DirectoryVersion is bumped by triggers on users, memberships, assignments).
    /// </summary>
    private async Task<Dictionary<string, LookedUpUser?>> UsersAsync(
        AdminCenterDbContext db, List<(PendingRequest Request, int Index)> candidates, TenantEvaluationContext context, CancellationToken cancellationToken)
    {
        var version = await db.Database.SqlQuery<long>($"SELECT Version AS Value FROM DirectoryVersion").SingleAsync(cancellationToken);
        if (version != _usersVersion || _users.Count > MaxCachedUsers)
        {
            _users.Clear();
            _usersVersion = version;
        }
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (request, index) in candidates)
        {
            var upn = request.Checked[index].NormalizedUserPrincipalName!;
            if (!_users.ContainsKey(upn))
            {
                missing.Add(upn);
            }
        }
        if (missing.Count == 0)
        {
            return _users;
        }

        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            SELECT u.NormalizedUserPrincipalName, u.Id, u.AccountEnabled, {AssignedGroupSets.Subquery("u.Id")}
            FROM json_each($upns) AS j JOIN Users AS u ON u.NormalizedUserPrincipalName = j.value
            """;
        var upns = command.CreateParameter();
        upns.ParameterName = "$upns";
        upns.Value = System.Text.Json.JsonSerializer.Serialize(missing);
        command.Parameters.Add(upns);
        var groups = command.CreateParameter();
        groups.ParameterName = AssignedGroupSets.Parameter;
        groups.Value = AssignedGroupSets.ParameterValue(context);
        command.Parameters.Add(groups);
        var groupSets = new AssignedGroupSets();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _users[reader.GetString(0)] = new LookedUpUser(reader.GetString(1), reader.GetBoolean(2), groupSets.Read(reader, 3));
            }
        }
        foreach (var upn in missing)
        {
            _users.TryAdd(upn, null);
        }
        return _users;
    }

    /// <summary>
    /// Finds each candidate's registration in one statement over a JSON array of (user, app, device): null where the
    /// user is unknown, a <see cref="RegistrationRow.NotEnrolled"/> placeholder where the user has no such registration.
    /// Reports for the same registration share one row, so applying them in order keeps the newest.
    /// </summary>
    private static RegistrationRow?[] Lookup(
        AdminCenterDbContext db, List<(PendingRequest Request, int Index)> candidates, Dictionary<string, LookedUpUser?> users)
    {
        var found = new RegistrationRow?[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            var (request, index) = candidates[c];
            if (users[request.Checked[index].NormalizedUserPrincipalName!] is { } user)
            {
                found[c] = RegistrationRow.NotEnrolled(user);
            }
        }

        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            SELECT j.key, r.rowid, r.AppId, r.PlatformVersion, r.AppVersion, r.SdkVersion, r.LastCheckInDateTime,
                   {StoredEnums.ThreatLevelAsNumber("r.ThreatLevel")}, r.ThreatReportedDateTime, r.ThreatConnectorId,
                   {StoredEnums.OutcomeAsNumber("r.Outcome")}, r.EvaluationFingerprint, r.DeviceManufacturer, r.DeviceModel
            FROM json_each($items) AS j
            JOIN MamRegistrations AS r
                ON r.UserId = json_extract(j.value, '$[0]') AND r.AppId = json_extract(j.value, '$[1]') AND r.AzureAdDeviceId = json_extract(j.value, '$[2]')
            """;
        var items = command.CreateParameter();
        items.ParameterName = "$items";
        items.Value = ItemsJson(candidates, found);
        command.Parameters.Add(items);

        var registrations = new Dictionary<long, RegistrationRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var candidate = reader.GetInt32(0);
            var rowId = reader.GetInt64(1);
            if (!registrations.TryGetValue(rowId, out var registration))
            {
                registrations[rowId] = registration = new RegistrationRow
                {
                    RowId = rowId,
                    User = found[candidate]!.User,
                    AppId = reader.GetString(2),
                    PlatformVersion = reader.IsDBNull(3) ? null : reader.GetString(3),
                    AppVersion = reader.IsDBNull(4) ? null : reader.GetString(4),
                    SdkVersion = reader.IsDBNull(5) ? null : reader.GetString(5),
                    LastCheckInDateTime = SqliteDates.Parse(reader.GetString(6)),
                    ThreatLevel = reader.IsDBNull(7) ? null : (DeviceThreatLevel)reader.GetInt32(7),
                    ThreatReportedDateTime = reader.IsDBNull(8) ? null : SqliteDates.Parse(reader.GetString(8)),
                    ThreatConnectorId = reader.IsDBNull(9) ? null : reader.GetString(9),
                    Outcome = (Evaluation.EvaluationOutcome)reader.GetInt32(10),
                    EvaluationFingerprint = reader.GetInt64(11),
                    DeviceManufacturer = reader.IsDBNull(12) ? null : reader.GetString(12),
                    DeviceModel = reader.IsDBNull(13) ? null : reader.GetString(13),
                };
            }
            found[candidate] = registration;
        }
        return found;
    }

    // One entry per candidate, so json_each's key is the candidate's index; unknown users get a null id, which matches nothing.
    private static string ItemsJson(List<(PendingRequest Request, int Index)> candidates, RegistrationRow?[] users)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(candidates.Count, 1) * 96);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var c = 0; c < candidates.Count; c++)
            {
                var (request, index) = candidates[c];
                var item = request.Items[index];
                json.WriteStartArray();
                if (users[c] is { } found)
                {
                    json.WriteStringValue(found.User.Id);
                }
                else
                {
                    json.WriteNullValue();
                }
                json.WriteStringValue(item.AppId);
                json.WriteStringValue(item.AzureAdDeviceId);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A reported user as evaluation needs it: whether the account is enabled, and the assigned groups.</summary>
    private sealed record LookedUpUser(string Id, bool AccountEnabled, IReadOnlySet<string> GroupIds);

    /// <summary>An accepted report, for the history.</summary>
    private readonly record struct AcceptedReport(string ConnectorId, HealthReportInput Item, DeviceThreatLevel Level, DateTime ReportedUtc);

    /// <summary>An item after the checks that need no database: the refusal, or the parsed level, time and user.</summary>
    private readonly record struct CheckedItem(string? Refusal, DeviceThreatLevel Level, DateTime ReportedUtc, string? NormalizedUserPrincipalName);

    /// <summary>What ingestion reads and changes of a registration.</summary>
    private sealed class RegistrationRow
    {
        public long RowId { get; init; }
        public required LookedUpUser User { get; init; }
        public required string AppId { get; init; }
        public string? PlatformVersion { get; init; }
        public string? AppVersion { get; init; }
        public string? SdkVersion { get; init; }
        public string? DeviceManufacturer { get; init; }
        public string? DeviceModel { get; init; }
        public DateTime LastCheckInDateTime { get; init; }
        public DeviceThreatLevel? ThreatLevel { get; set; }
        public DateTime? ThreatReportedDateTime { get; set; }
        public string? ThreatConnectorId { get; set; }
        public Evaluation.EvaluationOutcome Outcome { get; set; }
        public long EvaluationFingerprint { get; set; }

        /// <summary>False for the placeholder of a known user without this registration (rowids start at 1).</summary>
        public bool IsEnrolled => RowId != 0;

        public static RegistrationRow NotEnrolled(LookedUpUser user) => new() { User = user, AppId = "" };

        /// <summary>Same rule as <see cref="MamRegistration.ApplyHealthReport"/>: only a newer report replaces the current state.</summary>
        public bool ApplyHealthReport(DeviceThreatLevel level, DateTime reportedUtc, string connectorId)
        {
            if (ThreatReportedDateTime is { } current && reportedUtc < current)
            {
                return false;
            }
            ThreatLevel = level;
            ThreatReportedDateTime = reportedUtc;
            ThreatConnectorId = connectorId;
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing health reports failed; the partners were told and may send them again")]
    private partial void LogStoreFailed(Exception exception);

    private sealed class PendingRequest(string connectorId, IReadOnlyList<HealthReportInput> items, CheckedItem[] checkedItems)
    {
        public string ConnectorId { get; } = connectorId;

        public IReadOnlyList<HealthReportInput> Items { get; } = items;

        public CheckedItem[] Checked { get; } = checkedItems;

        public HealthReportItemResult[] Results { get; } = new HealthReportItemResult[items.Count];

        public TaskCompletionSource<ServiceResult<IReadOnlyList<HealthReportItemResult>>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
