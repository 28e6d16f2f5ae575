using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Stores and reads <see cref="EvaluationReasonSet"/>s. Sets are immutable and keyed by the evaluation fingerprint, so
/// storing is "insert unless present": concurrent writers of the same set cannot conflict.
/// </summary>
public static class ReasonSetStore
{
    private const string InsertSql = """
        INSERT OR IGNORE INTO EvaluationReasonSets (Fingerprint, ReasonsJson, Summary) VALUES ($fingerprint, $reasons, $summary)
        """;

    /// <summary>Stores the evaluation's reasons unless they are stored already.</summary>
    public static async Task StoreAsync(AdminCenterDbContext db, ExplainedEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(evaluation);
        await db.Database.ExecuteSqlAsync(
            $"INSERT OR IGNORE INTO EvaluationReasonSets (Fingerprint, ReasonsJson, Summary) VALUES ({evaluation.Fingerprint}, {evaluation.ReasonsJson}, {evaluation.Summary})",
            cancellationToken);
    }

    /// <summary>The sets with these fingerprints; a fingerprint without a set (never evaluated) is simply absent.</summary>
    public static async Task<Dictionary<long, EvaluationReasonSet>> LoadAsync(
        AdminCenterDbContext db, IEnumerable<long> fingerprints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = fingerprints.Distinct().ToList();
        if (keys.Count == 0)
        {
            return [];
        }
        return await db.EvaluationReasonSets.AsNoTracking()
            .Where(s => keys.Contains(s.Fingerprint))
            .ToDictionaryAsync(s => s.Fingerprint, cancellationToken);
    }

    /// <summary>The reasons of one set as explained reasons; none when the set is missing.</summary>
    public static async Task<IReadOnlyList<Evaluation.ExplainedReason>> LoadReasonsAsync(
        AdminCenterDbContext db, long fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var json = await db.EvaluationReasonSets.AsNoTracking()
            .Where(s => s.Fingerprint == fingerprint)
            .Select(s => s.ReasonsJson)
            .SingleOrDefaultAsync(cancellationToken);
        return json is null ? [] : ReasonFormat.FromJson(json);
    }

    /// <summary>
    /// Stores many sets inside the caller's transaction with one prepared statement, each at most once: the hot paths
    /// (health reports, re-evaluation) produce the same few sets for thousands of registrations.
    /// </summary>
    internal sealed class BatchWriter : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _fingerprint;
        private readonly SqliteParameter _reasons;
        private readonly SqliteParameter _summary;
        private readonly HashSet<long> _stored = [];

        public BatchWriter(SqliteConnection connection, SqliteTransaction transaction)
        {
            _insert = connection.CreateCommand();
            _insert.Transaction = transaction;
            _insert.CommandText = InsertSql;
            _fingerprint = _insert.Parameters.Add("$fingerprint", SqliteType.Integer);
            _reasons = _insert.Parameters.Add("$reasons", SqliteType.Text);
            _summary = _insert.Parameters.Add("$summary", SqliteType.Text);
            _insert.Prepare();
        }

        public void Store(ExplainedEvaluation evaluation)
        {
            if (!_stored.Add(evaluation.Fingerprint))
            {
                return;
            }
            _fingerprint.Value = evaluation.Fingerprint;
            _reasons.Value = evaluation.ReasonsJson;
            _summary.Value = evaluation.Summary;
            _insert.ExecuteNonQuery();
        }

        public void Dispose() => _insert.Dispose();
    }
}
