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
/// One write transaction per chunk, on purpose, not one for the pass. On SQLite a transaction takes the write lock when it
/// begins (BEGIN IMMEDIATE), so a pass over a million registrations in one transaction would hold off every check-in and
/// health report for its whole duration; per chunk they wait at most one chunk's writes. On PostgreSQL it keeps row locks
/// short. A chunk is read before its transaction (while the chunk before it is written), and that is safe because a
/// chunk is idempotent: its transaction first checks that no change was requested since the settings it was judged by
/// were loaded (else it is read again on the new ones), and the writer stores only rows still as read (a check-in or
/// report committed since was evaluated on newer facts). A change committed during the pass asks for another pass
/// (<see cref="ReevaluationWorker"/> reads the request stamp before the pass starts), and a crash mid-pass leaves the
/// request pending, so the next pass runs over everything again and rewrites only what still differs.
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
    private readonly WalCheckpointer? _checkpointer;
    private readonly int _chunkSize;

    public RegistrationReevaluator(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider, WalCheckpointer checkpointer)
        : this(dbFactory, timeProvider, DefaultChunkSize, checkpointer)
    {
    }

    /// <summary>
    /// With the chunk size given (tests: passes over several chunks with a few registrations); without a checkpointer the
    /// pass's log is copied by a later commit's automatic checkpoint.
    /// </summary>
    internal RegistrationReevaluator(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider, int chunkSize = DefaultChunkSize, WalCheckpointer? checkpointer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _dbFactory = dbFactory;
        _timeProvider = timeProvider;
        _chunkSize = chunkSize;
        _checkpointer = checkpointer;
    }

    /// <summary>Re-evaluates every registration; returns how many outcomes changed.</summary>
    public async Task<int> ReevaluateAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Only for this pass: a larger page cache and rarer checkpoints (a pass's chunks write index pages all over the table).
        await using var settings = await SqlitePragmas.BulkPassAsync(db.Database, cancellationToken);
        // Each chunk is read and evaluated on a connection of its own while the chunk before it is written, so the two
        // share the pass's time instead of adding up: at 1,000,000 registrations on SQLite a pass took 43-45 s with the
        // read inside each chunk's transaction, 34-35 s this way (BENCHMARKS.md, "Re-evaluation reads ahead").
        await using var readDb = await _dbFactory.CreateDbContextAsync(cancellationToken);
        await readDb.Database.OpenConnectionAsync(cancellationToken);
        var source = new ChunkSource(readDb, _timeProvider.GetUtcNow().UtcDateTime, _chunkSize);
        // Two buffers, one being written while the other is filled: a chunk keeps only its changes (a struct each, the
        // ids in one array the buffer reuses) until they are written, so what outlives a collection is the same few
        // arrays whatever the tenant's size.
        EvaluationChanges[] buffers = [new(_chunkSize), new(_chunkSize)];
        var outcomeChanges = 0;
        var chunk = await source.ReadAsync("", buffers[0], cancellationToken);
        Task<Chunk>? ahead = null;
        try
        {
            while (true)
            {
                ahead = chunk.IsFull ? ReadAheadAsync(source, chunk, buffers, cancellationToken) : null;
                // On SQLite BEGIN IMMEDIATE holds off every other writer until the commit, settings changes included. On
                // PostgreSQL nothing is locked, and the writer skips registrations a check-in or health report changed
                // after the chunk read them.
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    // A chunk judged by settings older than the latest request is read again on the new ones, so a pass
                    // never judges rows a check-in just evaluated on newer settings by older ones (a stored outcome
                    // flipping back and forth until the next pass). The read ahead shares the source: it finishes first.
                    if ((await ReevaluationRequestRow.ReadAsync(db, cancellationToken)).RequestedStamp != chunk.Stamp)
                    {
                        if (ahead is not null)
                        {
                            await ahead;
                        }
                        chunk = await source.ReadAsync(chunk.After, chunk.Changes, cancellationToken);
                        ahead = null;
                    }
                    if (chunk.Changes.Items.Count > 0)
                    {
                        using var writer = new RegistrationStateWriter(db, source.Now);
                        outcomeChanges += writer.WriteEvaluations(chunk.Changes.Items);
                        writer.Flush();
                    }
                    await transaction.CommitAsync(cancellationToken);
                }
                if (!chunk.IsFull)
                {
                    // SQLite: the pass's log copied into the database on the checkpointer's connection, not in the pass's
                    // time; a commit meanwhile finds the copy under way and does not wait for it.
                    if (!db.Database.IsNpgsql())
                    {
                        _checkpointer?.Request();
                    }
                    return outcomeChanges;
                }
                chunk = ahead is null ? await source.ReadAsync(chunk.LastId, Spare(buffers, chunk), cancellationToken) : await ahead;
                ahead = null;
            }
        }
        finally
        {
            // The read ahead still uses its connection: it ends before the connection is disposed (its own failure, if
            // any, comes after the one already leaving this method).
            if (ahead is not null)
            {
                await ((Task)ahead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static Task<Chunk> ReadAheadAsync(ChunkSource source, Chunk chunk, EvaluationChanges[] buffers, CancellationToken cancellationToken)
    {
        var after = chunk.LastId;
        var buffer = Spare(buffers, chunk);
        // The read is synchronous (a plain data reader), so it gets a thread of its own for its duration.
        return Task.Run(() => source.ReadAsync(after, buffer, cancellationToken), cancellationToken);
    }

    private static EvaluationChanges Spare(EvaluationChanges[] buffers, Chunk chunk) =>
        ReferenceEquals(chunk.Changes, buffers[0]) ? buffers[1] : buffers[0];

    /// <summary>
    /// A chunk as read: the registrations after <see cref="After"/> up to <see cref="LastId"/>, the changes among them,
    /// and the re-evaluation request stamp of the settings they were judged by.
    /// </summary>
    private sealed record Chunk(string After, string LastId, int Read, EvaluationChanges Changes, Guid Stamp, int Size)
    {
        public bool IsFull => Read == Size;
    }

    /// <summary>Reads chunks in Id order, with the tenant's settings loaded again whenever a change was requested since.</summary>
    private sealed class ChunkSource(AdminCenterDbContext db, DateTime now, int chunkSize)
    {
        private ChunkReader? _reader;
        private Guid _stamp;

        public DateTime Now => now;

        public async Task<Chunk> ReadAsync(string after, EvaluationChanges changes, CancellationToken cancellationToken)
        {
            // The stamp before the settings: a change committed between the two reads leaves the older stamp, so the chunk
            // is read again before it is written.
            var stamp = (await ReevaluationRequestRow.ReadAsync(db, cancellationToken)).RequestedStamp;
            if (_reader is null || stamp != _stamp)
            {
                _reader = new ChunkReader(db, await TenantEvaluationContext.LoadAsync(db, cancellationToken), now);
                _stamp = stamp;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var read = _reader.ReadAndEvaluate(after, chunkSize, changes, out var lastId);
            return new Chunk(after, lastId, read, changes, stamp, chunkSize);
        }
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
        public int ReadAndEvaluate(string after, int limit, EvaluationChanges changes, out string lastId)
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
                changes.Add(lastId, (EvaluationOutcome)reader.GetInt32(8), storedFingerprint, facts.LastCheckInUtc,
                    reader.IsDBNull(14) ? null : SqlDialect.GetUtcDateTime(reader, 14), explained);
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
