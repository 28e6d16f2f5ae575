using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Stores and reads <see cref="EvaluationReasonSet"/>s. Sets are immutable and keyed by the evaluation fingerprint, so
/// storing is "insert unless present": concurrent writers of the same set cannot conflict.
/// </summary>
public static class ReasonSetStore
{
    /// <summary>Stores the evaluation's reasons unless they are stored already.</summary>
    public static async Task StoreAsync(AdminCenterDbContext db, ExplainedEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(evaluation);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "EvaluationReasonSets" ("Fingerprint", "ReasonsJson", "Summary") VALUES ({evaluation.Fingerprint}, {evaluation.ReasonsJson}, {evaluation.Summary})
            ON CONFLICT DO NOTHING
            """,
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
}
