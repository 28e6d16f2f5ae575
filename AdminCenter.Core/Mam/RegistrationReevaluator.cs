using System.Collections.Concurrent;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

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
        // Disposed after the transaction: the pass's 100,000 changed rows stay in memory until its commit.
        await using var cache = await SqlitePragmas.LargeCacheAsync(db.Database, cancellationToken);
        // On SQLite the write lock is taken before reading (BEGIN IMMEDIATE). On PostgreSQL the read takes no lock, so the
        // writer skips registrations a check-in or health report changed after this pass read them.
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

        var changes = new List<EvaluationChange>();
        for (var i = 0; i < registrations.Count; i++)
        {
            var registration = registrations[i];
            if (fingerprints[i] != registration.Fingerprint)
            {
                changes.Add(new EvaluationChange(registration.Id, registration.Outcome, registration.Fingerprint,
                    registration.Facts.LastCheckInUtc, registration.ThreatReportedDateTime, explained[fingerprints[i]]));
            }
        }
        var outcomeChanges = 0;
        if (changes.Count > 0)
        {
            using var writer = new RegistrationStateWriter(db, now);
            outcomeChanges = writer.WriteEvaluations(changes);
            writer.Flush();
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
            SELECT r."Id", r."AppId", r."PlatformVersion", r."AppVersion", r."SdkVersion", r."LastCheckInDateTime", r."ThreatLevel", r."ThreatConnectorId",
                   r."Outcome", r."EvaluationFingerprint", u."AccountEnabled", {AssignedGroupSets.Subquery(SqlDialect.Of(db.Database), "r.\"UserId\"")},
                   r."DeviceManufacturer", r."DeviceModel", r."ThreatReportedDateTime"
            FROM "MamRegistrations" AS r JOIN "Users" AS u ON u."Id" = r."UserId"
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
                reader.GetString(0),
                sharedAppId,
                groups,
                new RegistrationFacts(
                    reader.GetBoolean(10),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    SqlDialect.GetUtcDateTime(reader, 5),
                    reader.IsDBNull(6) ? null : (DeviceThreatLevel)reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(12) ? null : reader.GetString(12),
                    reader.IsDBNull(13) ? null : reader.GetString(13)),
                (EvaluationOutcome)reader.GetInt32(8),
                reader.GetInt64(9),
                reader.IsDBNull(14) ? null : SqlDialect.GetUtcDateTime(reader, 14)));
        }
        return registrations;
    }

    private sealed record StoredRegistration(
        string Id, string AppId, IReadOnlySet<string> GroupIds, RegistrationFacts Facts, EvaluationOutcome Outcome, long Fingerprint,
        DateTime? ThreatReportedDateTime);
}
