using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Evaluates every registration again after a change that may affect many (spec 04: a policy, an assignment, group
/// membership, a user's state, a connector). Stores the state, and history, only where the outcome or reasons changed.
/// Streams: registrations are read in chunks in Id order (keyset), each chunk evaluated on every core with the
/// allocation-free evaluator, reasons explained and stored once per distinct set, and the chunk's changed rows written,
/// so memory is bounded by the chunk size, not by the tenant.
/// </summary>
/// <remarks>
/// One transaction per chunk, on purpose, not one for the pass. On SQLite a transaction takes the write lock before it
/// reads (BEGIN IMMEDIATE), so a pass over a million registrations in one transaction would hold off every check-in and
/// health report for its whole duration; per chunk they wait at most one chunk. On PostgreSQL it keeps row locks and the
/// snapshot short. It is safe because a chunk is idempotent: a chunk evaluates from what it reads inside its own
/// transaction (the tenant's settings are read again when a change was requested since the last chunk), and the writer
/// stores only rows still as read (a check-in or report committed since was evaluated on newer facts). A change committed during the pass asks for another pass (<see cref="ReevaluationWorker"/> reads the
/// request stamp before the pass starts), and a crash mid-pass leaves the request pending, so the next pass runs over
/// everything again and rewrites only what still differs.
/// </remarks>
public sealed class RegistrationReevaluator
{
    /// <summary>
    /// Registrations per chunk. Each chunk's commit writes every page it changed to the WAL, and the outcome index's pages
    /// are spread over the whole tenant, so fewer, larger chunks write each page fewer times: at 1,000,000 registrations a
    /// pass took 95-108 s in chunks of 10,000 and 50-56 s in chunks of 25,000. Larger chunks hold SQLite's write lock
    /// longer (check-ins wait for one chunk, about 1.3 s at 1,000,000) and keep more rows alive (BENCHMARKS.md, "Re-evaluation at
    /// 1,000,000 registrations").
    /// </summary>
    internal const int DefaultChunkSize = 25_000;

    // Distinct reason sets are few (policies x failing settings); a tenant with more starts the cache afresh.
    private const int MaxExplainedSets = 4_096;

    private readonly IDbContextFactory<AdminCenterDbContext> _dbFactory;
    private readonly TimeProvider _timeProvider;
    private readonly int _chunkSize;

    public RegistrationReevaluator(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider)
        : this(dbFactory, timeProvider, DefaultChunkSize)
    {
    }

    /// <summary>With the chunk size given (tests: passes over several chunks with a few registrations).</summary>
    internal RegistrationReevaluator(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _dbFactory = dbFactory;
        _timeProvider = timeProvider;
        _chunkSize = chunkSize;
    }

    /// <summary>Re-evaluates every registration; returns how many outcomes changed.</summary>
    public async Task<int> ReevaluateAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Only for this pass: a larger page cache (a pass's chunks write index pages all over the table) and statement
        // journals on disk, not in memory.
        await using var settings = await SqlitePragmas.BulkPassAsync(db.Database, cancellationToken);
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        TenantEvaluationContext? context = null;
        ChunkReader? reader = null;
        var contextStamp = Guid.Empty;

        // Evaluating is allocation-free, explaining is not: explain once per distinct fingerprint, on every core.
        var explained = new ConcurrentDictionary<long, ExplainedEvaluation>();
        var evaluators = new ConcurrentBag<RegistrationEvaluator>();
        var chunk = new List<StoredRegistration>(_chunkSize);
        var fingerprints = new long[_chunkSize];
        var changes = new List<EvaluationChange>();
        var outcomeChanges = 0;
        var after = "";
        do
        {
            // On SQLite the write lock is taken before reading (BEGIN IMMEDIATE). On PostgreSQL the read takes no lock, so
            // the writer skips registrations a check-in or health report changed after this chunk read them.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The tenant's policies, groups and connectors as this transaction sees them: loaded again whenever a change
            // was requested since they were loaded, so a chunk never judges rows a check-in just evaluated on newer
            // settings by older ones (a stored outcome flipping back and forth until the next pass).
            var stamp = (await ReevaluationRequestRow.ReadAsync(db, cancellationToken)).RequestedStamp;
            if (context is null || reader is null || stamp != contextStamp)
            {
                context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);
                reader = new ChunkReader(db, context);
                contextStamp = stamp;
                evaluators.Clear();
                explained.Clear();
            }
            var chunkContext = context;
            reader.Read(after, _chunkSize, chunk);
            if (chunk.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                break;
            }
            Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken },
                () => evaluators.TryTake(out var reused) ? reused : new RegistrationEvaluator(chunkContext),
                (i, _, local) =>
                {
                    var registration = chunk[i];
                    local.Evaluate(registration.AppId, registration.GroupIds, registration.Facts, now);
                    fingerprints[i] = local.Fingerprint;
                    if (local.Fingerprint != registration.Fingerprint && !explained.ContainsKey(local.Fingerprint))
                    {
                        explained.TryAdd(local.Fingerprint, local.Explain());
                    }
                    return local;
                },
                evaluators.Add);

            changes.Clear();
            for (var i = 0; i < chunk.Count; i++)
            {
                var registration = chunk[i];
                if (fingerprints[i] != registration.Fingerprint)
                {
                    changes.Add(new EvaluationChange(registration.Id, registration.Outcome, registration.Fingerprint,
                        registration.Facts.LastCheckInUtc, registration.ThreatReportedDateTime, explained[fingerprints[i]]));
                }
            }
            if (changes.Count > 0)
            {
                using var writer = new RegistrationStateWriter(db, now);
                outcomeChanges += writer.WriteEvaluations(changes);
                writer.Flush();
            }
            await transaction.CommitAsync(cancellationToken);
            after = chunk[^1].Id;
            if (explained.Count > MaxExplainedSets)
            {
                explained.Clear();
            }
        }
        while (chunk.Count == _chunkSize);
        return outcomeChanges;
    }

    /// <summary>
    /// Reads a chunk of registrations after a given Id, in Id order: a plain reader, joined with the user's account state
    /// and the user's groups that any policy assigns (materializing entities through EF, or a set of groups per user,
    /// costs more than evaluating them). Group sets and app ids are shared across the pass's chunks.
    /// </summary>
    private sealed class ChunkReader(AdminCenterDbContext db, TenantEvaluationContext context)
    {
        private const int MaxSharedValues = 10_000;

        private readonly string _sql = $"""
            SELECT r."Id", r."AppId", r."PlatformVersion", r."AppVersion", r."SdkVersion", r."LastCheckInDateTime", r."ThreatLevel", r."ThreatConnectorId",
                   r."Outcome", r."EvaluationFingerprint", u."AccountEnabled", {AssignedGroupSets.Subquery(SqlDialect.Of(db.Database), "r.\"UserId\"")},
                   r."DeviceManufacturer", r."DeviceModel", r."ThreatReportedDateTime"
            FROM "MamRegistrations" AS r JOIN "Users" AS u ON u."Id" = r."UserId"
            WHERE r."Id" > @after
            ORDER BY r."Id"
            LIMIT @limit
            """;

        private readonly string _assignedGroups = AssignedGroupSets.ParameterValue(context);
        private readonly AssignedGroupSets _groupSets = new();
        // Values with few distinct texts (app ids, versions, connectors, device makes and models), one instance each for the
        // pass: a chunk's rows outlive several gen0 collections, so every string a row holds is promoted (BENCHMARKS.md,
        // "Re-evaluation at 1,000,000 registrations"). Bounded: a tenant with more distinct values keeps the rest unshared.
        private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

        public void Read(string after, int limit, List<StoredRegistration> chunk)
        {
            chunk.Clear();
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = _sql;
            SqlDialect.AddParameter(command, AssignedGroupSets.Parameter, DbType.String, _assignedGroups);
            SqlDialect.AddParameter(command, "@after", DbType.String, after);
            SqlDialect.AddParameter(command, "@limit", DbType.Int32, limit);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var groups = _groupSets.Read(reader, 11);
                chunk.Add(new StoredRegistration(
                    reader.GetString(0),
                    Shared(reader, 1)!,
                    groups,
                    new RegistrationFacts(
                        reader.GetBoolean(10),
                        Shared(reader, 2),
                        Shared(reader, 3),
                        Shared(reader, 4),
                        SqlDialect.GetUtcDateTime(reader, 5),
                        reader.IsDBNull(6) ? null : (DeviceThreatLevel)reader.GetInt32(6),
                        Shared(reader, 7),
                        Shared(reader, 12),
                        Shared(reader, 13)),
                    (EvaluationOutcome)reader.GetInt32(8),
                    reader.GetInt64(9),
                    reader.IsDBNull(14) ? null : SqlDialect.GetUtcDateTime(reader, 14)));
            }
        }

        private string? Shared(DbDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                return null;
            }
            var value = reader.GetString(ordinal);
            if (_shared.TryGetValue(value, out var shared))
            {
                return shared;
            }
            if (_shared.Count < MaxSharedValues)
            {
                _shared[value] = value;
            }
            return value;
        }
    }

    private sealed record StoredRegistration(
        string Id, string AppId, IReadOnlySet<string> GroupIds, RegistrationFacts Facts, EvaluationOutcome Outcome, long Fingerprint,
        DateTime? ThreatReportedDateTime);
}
