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
/// has one writer and a transaction per report would cap throughput at the disk's commit rate.
/// </summary>
public sealed partial class HealthReportIngestion(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<HealthReportIngestion> logger) : BackgroundService
{
    public const int MaxBatchSize = 1000;
    private const int MaxItemsPerTransaction = 5000;
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

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
        if (items.Count > MaxBatchSize)
        {
            return ServiceResult<IReadOnlyList<HealthReportItemResult>>.Invalid(
                [new ValidationProblem("value", $"A request holds at most {MaxBatchSize} reports; this one has {items.Count}.")]);
        }
        var pending = new PendingRequest(PartnerCatalog.TryFind(connectorId, out var partner) ? partner.ConnectorId : connectorId, items);
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

        var results = accepting.ToDictionary(r => r, r => new HealthReportItemResult[r.Items.Count]);
        var candidates = new List<(PendingRequest Request, int Index, DeviceThreatLevel Level, DateTime Reported)>();
        foreach (var request in accepting)
        {
            for (var i = 0; i < request.Items.Count; i++)
            {
                var refusal = Check(request.Items[i], now, out var level);
                if (refusal is null)
                {
                    candidates.Add((request, i, level, request.Items[i].ReportedDateTime!.Value.ToUniversalTime()));
                }
                else
                {
                    results[request][i] = new HealthReportItemResult(i, false, refusal);
                }
            }
        }

        var normalizedUpns = candidates.Select(c => DirectoryUser.Normalize(c.Request.Items[c.Index].UserPrincipalName!)).Distinct().ToList();
        var (users, registrations) = LoadUsersAndRegistrations(db, normalizedUpns);
        var groupsByUser = LoadGroups(db, users.Values.Select(u => u.Id));
        var context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);

        var history = new List<HealthReportRecord>(candidates.Count);
        var touched = new Dictionary<long, (RegistrationRow Registration, bool Enabled)>();
        var acceptedPerConnector = new Dictionary<string, int>();
        foreach (var (request, index, level, reported) in candidates)
        {
            var item = request.Items[index];
            if (!users.TryGetValue(DirectoryUser.Normalize(item.UserPrincipalName!), out var user))
            {
                results[request][index] = new HealthReportItemResult(index, false, $"unknown user: '{item.UserPrincipalName}' is not in the directory");
                continue;
            }
            if (!registrations.TryGetValue((user.Id, item.AppId!, item.AzureAdDeviceId!), out var registration))
            {
                results[request][index] = new HealthReportItemResult(index, false,
                    $"user not MAM-enrolled: '{item.UserPrincipalName}' has no registration of {item.AppId} on device {item.AzureAdDeviceId}");
                continue;
            }
            history.Add(new HealthReportRecord(request.ConnectorId, registration.UserPrincipalName, registration.AppId, registration.AzureAdDeviceId, level, reported, now));
            if (registration.ApplyHealthReport(level, reported, request.ConnectorId))
            {
                touched[registration.RowId] = (registration, user.AccountEnabled);
            }
            acceptedPerConnector[request.ConnectorId] = acceptedPerConnector.GetValueOrDefault(request.ConnectorId) + 1;
            results[request][index] = new HealthReportItemResult(index, true, null);
        }

        Write(db, (SqliteTransaction)transaction.GetDbTransaction(), history, touched.Values, context, groupsByUser, now);
        // Every accepted report is a heartbeat for its connector (spec 02, 04); one per connector per transaction.
        foreach (var connectorId in acceptedPerConnector.Keys)
        {
            connectors[connectorId].Apply(new ConnectorEvent.Heartbeat(), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var request in accepting)
        {
            request.Completion.TrySetResult(ServiceResult<IReadOnlyList<HealthReportItemResult>>.Success(results[request]));
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

    private static void Write(
        AdminCenterDbContext db,
        SqliteTransaction dbTransaction,
        List<HealthReportRecord> history,
        IEnumerable<(RegistrationRow Registration, bool Enabled)> touched,
        TenantEvaluationContext context,
        Dictionary<string, IReadOnlySet<string>> groupsByUser,
        DateTime now)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var nowText = SqliteDates.Format(now);

        // Row statements run synchronously: SQLite works on this thread either way, and an await per row adds up.
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = dbTransaction;
            insert.CommandText = """
                INSERT INTO HealthReports (ConnectorId, UserPrincipalName, AppId, AzureAdDeviceId, ThreatLevel, ReportedDateTime, ReceivedDateTime)
                VALUES ($connector, $upn, $app, $device, $level, $reported, $received)
                """;
            var connector = insert.Parameters.Add("$connector", SqliteType.Text);
            var upn = insert.Parameters.Add("$upn", SqliteType.Text);
            var app = insert.Parameters.Add("$app", SqliteType.Text);
            var device = insert.Parameters.Add("$device", SqliteType.Text);
            var level = insert.Parameters.Add("$level", SqliteType.Text);
            var reported = insert.Parameters.Add("$reported", SqliteType.Text);
            insert.Parameters.AddWithValue("$received", nowText);
            insert.Prepare();
            foreach (var record in history)
            {
                connector.Value = record.ConnectorId;
                upn.Value = record.UserPrincipalName;
                app.Value = record.AppId;
                device.Value = record.AzureAdDeviceId;
                level.Value = record.ThreatLevel.ToString();
                reported.Value = SqliteDates.Format(record.ReportedDateTime);
                insert.ExecuteNonQuery();
            }
        }

        using (var update = connection.CreateCommand())
        using (var threatOnly = connection.CreateCommand())
        using (var outcomeChange = connection.CreateCommand())
        using (var reasonSets = new ReasonSetStore.BatchWriter(connection, dbTransaction))
        {
            threatOnly.Transaction = dbTransaction;
            threatOnly.CommandText = "UPDATE MamRegistrations SET ThreatLevel = $level, ThreatReportedDateTime = $reported, ThreatConnectorId = $connector WHERE rowid = $id";
            var threatOnlyLevel = threatOnly.Parameters.Add("$level", SqliteType.Text);
            var threatOnlyReported = threatOnly.Parameters.Add("$reported", SqliteType.Text);
            var threatOnlyConnector = threatOnly.Parameters.Add("$connector", SqliteType.Text);
            var threatOnlyId = threatOnly.Parameters.Add("$id", SqliteType.Integer);
            threatOnly.Prepare();

            update.Transaction = dbTransaction;
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

            outcomeChange.Transaction = dbTransaction;
            outcomeChange.CommandText = """
                INSERT INTO RegistrationOutcomeChanges (RegistrationId, UserId, AppId, AzureAdDeviceId, PreviousOutcome, Outcome, ChangedDateTime, ReasonSetFingerprint)
                VALUES ($registration, $user, $app, $device, $previous, $outcome, $now, $fingerprint)
                """;
            var changeRegistration = outcomeChange.Parameters.Add("$registration", SqliteType.Text);
            var changeUser = outcomeChange.Parameters.Add("$user", SqliteType.Text);
            var changeApp = outcomeChange.Parameters.Add("$app", SqliteType.Text);
            var changeDevice = outcomeChange.Parameters.Add("$device", SqliteType.Text);
            var changePrevious = outcomeChange.Parameters.Add("$previous", SqliteType.Text);
            var changeOutcome = outcomeChange.Parameters.Add("$outcome", SqliteType.Text);
            outcomeChange.Parameters.AddWithValue("$now", nowText);
            var changeFingerprint = outcomeChange.Parameters.Add("$fingerprint", SqliteType.Integer);
            outcomeChange.Prepare();

            var evaluator = new RegistrationEvaluator(context);
            var explainedSets = new Dictionary<long, ExplainedEvaluation>();
            var noGroups = new HashSet<string>();
            foreach (var (registration, enabled) in touched)
            {
                evaluator.Evaluate(registration.AppId, groupsByUser.GetValueOrDefault(registration.UserId, noGroups),
                    new RegistrationFacts(enabled, registration.PlatformVersion, registration.AppVersion, registration.SdkVersion,
                        registration.LastCheckInDateTime, registration.ThreatLevel, registration.ThreatConnectorId), now);
                level.Value = registration.ThreatLevel!.Value.ToString();
                reported.Value = SqliteDates.Format(registration.ThreatReportedDateTime!.Value);
                connector.Value = registration.ThreatConnectorId;
                id.Value = registration.RowId;
                if (evaluator.Fingerprint == registration.EvaluationFingerprint)
                {
                    // Same outcome and same reasons: only the health state moves.
                    threatOnlyLevel.Value = level.Value;
                    threatOnlyReported.Value = reported.Value;
                    threatOnlyConnector.Value = connector.Value;
                    threatOnlyId.Value = id.Value;
                    threatOnly.ExecuteNonQuery();
                    continue;
                }
                // Reports in one transaction mostly share a few reason sets: explain each once.
                if (!explainedSets.TryGetValue(evaluator.Fingerprint, out var evaluation))
                {
                    explainedSets[evaluator.Fingerprint] = evaluation = evaluator.Explain();
                    reasonSets.Store(evaluation);
                }
                outcome.Value = RegistrationReevaluator.OutcomeText(evaluation.Outcome);
                policies.Value = evaluation.PolicyNames;
                fingerprint.Value = evaluation.Fingerprint;
                update.ExecuteNonQuery();

                if (evaluation.Outcome != registration.Outcome)
                {
                    changeRegistration.Value = registration.Id;
                    changeUser.Value = registration.UserId;
                    changeApp.Value = registration.AppId;
                    changeDevice.Value = registration.AzureAdDeviceId;
                    changePrevious.Value = registration.Outcome.ToString();
                    changeOutcome.Value = evaluation.Outcome.ToString();
                    changeFingerprint.Value = evaluation.Fingerprint;
                    outcomeChange.ExecuteNonQuery();
                }
                registration.Outcome = evaluation.Outcome;
                registration.EvaluationFingerprint = evaluation.Fingerprint;
            }
        }

    }

    // Plain SQL over json_each: the reports' users and registrations in one round trip, without entity materialization.
    private static (Dictionary<string, (string Id, bool AccountEnabled)> Users, Dictionary<(string, string, string), RegistrationRow> Registrations)
        LoadUsersAndRegistrations(AdminCenterDbContext db, List<string> normalizedUpns)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT u.NormalizedUserPrincipalName, u.Id, u.AccountEnabled,
                   r.rowid, r.Id, r.UserPrincipalName, r.AppId, r.AzureAdDeviceId, r.PlatformVersion, r.AppVersion, r.SdkVersion,
                   r.LastCheckInDateTime, r.ThreatLevel, r.ThreatReportedDateTime, r.ThreatConnectorId, r.Outcome, r.EvaluationFingerprint
            FROM json_each($upns) AS j
            JOIN Users AS u ON u.NormalizedUserPrincipalName = j.value
            LEFT JOIN MamRegistrations AS r ON r.UserId = u.Id
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$upns";
        parameter.Value = System.Text.Json.JsonSerializer.Serialize(normalizedUpns);
        command.Parameters.Add(parameter);
        var users = new Dictionary<string, (string Id, bool AccountEnabled)>();
        var registrations = new Dictionary<(string, string, string), RegistrationRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var userId = reader.GetString(1);
            users[reader.GetString(0)] = (userId, reader.GetBoolean(2));
            if (reader.IsDBNull(3))
            {
                continue;
            }
            var row = new RegistrationRow
            {
                RowId = reader.GetInt64(3),
                Id = reader.GetString(4),
                UserId = userId,
                UserPrincipalName = reader.GetString(5),
                AppId = reader.GetString(6),
                AzureAdDeviceId = reader.GetString(7),
                PlatformVersion = reader.IsDBNull(8) ? null : reader.GetString(8),
                AppVersion = reader.IsDBNull(9) ? null : reader.GetString(9),
                SdkVersion = reader.IsDBNull(10) ? null : reader.GetString(10),
                LastCheckInDateTime = DateTime.SpecifyKind(reader.GetDateTime(11), DateTimeKind.Utc),
                ThreatLevel = reader.IsDBNull(12) ? null : Enum.Parse<DeviceThreatLevel>(reader.GetString(12)),
                ThreatReportedDateTime = reader.IsDBNull(13) ? null : DateTime.SpecifyKind(reader.GetDateTime(13), DateTimeKind.Utc),
                ThreatConnectorId = reader.IsDBNull(14) ? null : reader.GetString(14),
                Outcome = Enum.Parse<Evaluation.EvaluationOutcome>(reader.GetString(15)),
                EvaluationFingerprint = reader.GetInt64(16),
            };
            registrations[(userId, row.AppId, row.AzureAdDeviceId)] = row;
        }
        return (users, registrations);
    }

    private static Dictionary<string, IReadOnlySet<string>> LoadGroups(AdminCenterDbContext db, IEnumerable<string> userIds)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT m.UserId, m.GroupId FROM json_each($ids) AS j JOIN GroupMembers AS m ON m.UserId = j.value";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$ids";
        parameter.Value = System.Text.Json.JsonSerializer.Serialize(userIds.ToList());
        command.Parameters.Add(parameter);
        var groups = new Dictionary<string, HashSet<string>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var userId = reader.GetString(0);
            if (!groups.TryGetValue(userId, out var set))
            {
                groups[userId] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }
            set.Add(reader.GetString(1));
        }
        return groups.ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Value);
    }

    /// <summary>What ingestion reads and changes of a registration.</summary>
    private sealed class RegistrationRow
    {
        public long RowId { get; init; }
        public required string Id { get; init; }
        public required string UserId { get; init; }
        public required string UserPrincipalName { get; init; }
        public required string AppId { get; init; }
        public required string AzureAdDeviceId { get; init; }
        public string? PlatformVersion { get; init; }
        public string? AppVersion { get; init; }
        public string? SdkVersion { get; init; }
        public DateTime LastCheckInDateTime { get; init; }
        public DeviceThreatLevel? ThreatLevel { get; set; }
        public DateTime? ThreatReportedDateTime { get; set; }
        public string? ThreatConnectorId { get; set; }
        public Evaluation.EvaluationOutcome Outcome { get; set; }
        public long EvaluationFingerprint { get; set; }

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

    private sealed class PendingRequest(string connectorId, IReadOnlyList<HealthReportInput> items)
    {
        public string ConnectorId { get; } = connectorId;

        public IReadOnlyList<HealthReportInput> Items { get; } = items;

        public TaskCompletionSource<ServiceResult<IReadOnlyList<HealthReportItemResult>>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
