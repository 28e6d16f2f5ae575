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
/// Streams: registrations are read in chunks in Id order (keyset), each row evaluated as it is read with the
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
    /// pass took 95-108 s in chunks of 10,000 and 45-61 s in chunks of 25,000 (2.1-2.8x its baseline; chunks of 50,000:
    /// 1.9-2.0x). Larger chunks hold SQLite's write lock longer (check-ins wait for one chunk, about 1.3 s at 1,000,000;
    /// 2.5 s at 50,000) and keep more changes alive (BENCHMARKS.md, "Re-evaluation at 1,000,000 registrations", second
    /// and third steps).
    /// </summary>
    internal const int DefaultChunkSize = 25_000;

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
        // Only for this pass: a larger page cache and rarer checkpoints (a pass's chunks write index pages all over the table).
        await using var settings = await SqlitePragmas.BulkPassAsync(db.Database, cancellationToken);
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        ChunkReader? reader = null;
        var contextStamp = Guid.Empty;
        // Reused across chunks: a chunk keeps only its changes (a struct each, and the registration's id) until they are
        // written, so what outlives a collection is small whatever the tenant's size.
        var changes = new List<EvaluationChange>(_chunkSize);
        var outcomeChanges = 0;
        var after = "";
        int read;
        do
        {
            // On SQLite the write lock is taken before reading (BEGIN IMMEDIATE). On PostgreSQL the read takes no lock, so
            // the writer skips registrations a check-in or health report changed after this chunk read them.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The tenant's policies, groups and connectors as this transaction sees them: loaded again whenever a change
            // was requested since they were loaded, so a chunk never judges rows a check-in just evaluated on newer
            // settings by older ones (a stored outcome flipping back and forth until the next pass).
            var stamp = (await ReevaluationRequestRow.ReadAsync(db, cancellationToken)).RequestedStamp;
            if (reader is null || stamp != contextStamp)
            {
                reader = new ChunkReader(db, await TenantEvaluationContext.LoadAsync(db, cancellationToken), now);
                contextStamp = stamp;
            }
            cancellationToken.ThrowIfCancellationRequested();
            read = reader.ReadAndEvaluate(after, _chunkSize, changes, out var lastId);
            if (changes.Count > 0)
            {
                using var writer = new RegistrationStateWriter(db, now);
                outcomeChanges += writer.WriteEvaluations(changes);
                writer.Flush();
            }
            await transaction.CommitAsync(cancellationToken);
            after = lastId;
        }
        while (read == _chunkSize);
        return outcomeChanges;
    }

    /// <summary>
    /// Reads a chunk of registrations after a given Id, in Id order, and evaluates each as it is read: a plain reader,
    /// joined with the user's account state and the user's groups that any policy assigns (materializing entities through
    /// EF, or a set of groups per user, costs more than evaluating them). Group sets and app ids are shared across the
    /// pass's chunks; a row's facts are garbage as soon as it is evaluated (the evaluation itself allocates nothing, and
    /// is a small part of a pass: 0.2 s of 50 at 1,000,000 registrations).
    /// </summary>
    private sealed class ChunkReader(AdminCenterDbContext db, TenantEvaluationContext context, DateTime now)
    {
        private const int MaxSharedValues = 10_000;

        // Distinct reason sets are few (policies x failing settings); a tenant with more starts the cache afresh.
        private const int MaxExplainedSets = 4_096;

        private readonly RegistrationEvaluator _evaluator = new(context);
        // Explaining is not allocation-free: once per distinct fingerprint.
        private readonly Dictionary<long, ExplainedEvaluation> _explained = [];

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

        /// <summary>Reads up to <paramref name="limit"/> registrations after <paramref name="after"/> into <paramref name="changes"/> (those whose evaluation changed); returns how many were read.</summary>
        public int ReadAndEvaluate(string after, int limit, List<EvaluationChange> changes, out string lastId)
        {
            changes.Clear();
            if (_explained.Count > MaxExplainedSets)
            {
                _explained.Clear();
            }
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = _sql;
            SqlDialect.AddParameter(command, AssignedGroupSets.Parameter, DbType.String, _assignedGroups);
            SqlDialect.AddParameter(command, "@after", DbType.String, after);
            SqlDialect.AddParameter(command, "@limit", DbType.Int32, limit);
            using var reader = command.ExecuteReader();
            var read = 0;
            lastId = after;
            while (reader.Read())
            {
                read++;
                lastId = reader.GetString(0);
                var facts = new RegistrationFacts(
                    reader.GetBoolean(10),
                    Shared(reader, 2),
                    Shared(reader, 3),
                    Shared(reader, 4),
                    SqlDialect.GetUtcDateTime(reader, 5),
                    reader.IsDBNull(6) ? null : (DeviceThreatLevel)reader.GetInt32(6),
                    Shared(reader, 7),
                    Shared(reader, 12),
                    Shared(reader, 13));
                _evaluator.Evaluate(Shared(reader, 1)!, _groupSets.Read(reader, 11), facts, now);
                var storedFingerprint = reader.GetInt64(9);
                if (_evaluator.Fingerprint == storedFingerprint)
                {
                    continue;
                }
                if (!_explained.TryGetValue(_evaluator.Fingerprint, out var explained))
                {
                    explained = _evaluator.Explain();
                    _explained.Add(explained.Fingerprint, explained);
                }
                changes.Add(new EvaluationChange(lastId, (EvaluationOutcome)reader.GetInt32(8), storedFingerprint, facts.LastCheckInUtc,
                    reader.IsDBNull(14) ? null : SqlDialect.GetUtcDateTime(reader, 14), explained));
            }
            return read;
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
}
