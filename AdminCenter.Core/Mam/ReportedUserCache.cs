using System.Data;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminCenter.Core.Mam;

/// <summary>A reported user as evaluation needs it: whether the account is enabled, and the assigned groups.</summary>
internal sealed record ReportedUser(string Id, bool AccountEnabled, IReadOnlySet<string> GroupIds);

/// <summary>
/// The users health reports name, by normalized UPN (null: not in the directory), as of one DirectoryVersion. Partners
/// report the same devices over and over and the directory rarely changes, so most batches read no user at all. The
/// version is bumped (by triggers) on every change of users, memberships and assignments, on any instance, so a cache
/// filled before a change is dropped at the next batch. Not thread-safe: the ingestion's single writer owns it.
/// </summary>
internal sealed class ReportedUserCache
{
    private const int MaxCachedUsers = 250_000;

    private readonly Dictionary<string, ReportedUser?> _users = new(StringComparer.Ordinal);
    private long _version = -1;

    /// <summary>The users with these normalized UPNs, reading only the ones the cache lacks.</summary>
    public async Task<IReadOnlyDictionary<string, ReportedUser?>> GetAsync(
        AdminCenterDbContext db, IEnumerable<string> normalizedUserPrincipalNames, TenantEvaluationContext context, CancellationToken cancellationToken)
    {
        var version = await db.Database.SqlQuery<long>($"""SELECT "Version" AS "Value" FROM "DirectoryVersion" """).SingleAsync(cancellationToken);
        if (version != _version || _users.Count > MaxCachedUsers)
        {
            _users.Clear();
            _version = version;
        }
        var missing = normalizedUserPrincipalNames.Where(upn => !_users.ContainsKey(upn)).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return _users;
        }

        var dialect = SqlDialect.Of(db.Database);
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            SELECT u."NormalizedUserPrincipalName", u."Id", u."AccountEnabled", {AssignedGroupSets.Subquery(dialect, "u.\"Id\"")}
            FROM {dialect.StringsOf("@upns", "j")} JOIN "Users" AS u ON u."NormalizedUserPrincipalName" = j.value
            """;
        SqlDialect.AddParameter(command, "@upns", DbType.String, System.Text.Json.JsonSerializer.Serialize(missing));
        SqlDialect.AddParameter(command, AssignedGroupSets.Parameter, DbType.String, AssignedGroupSets.ParameterValue(context));
        var groupSets = new AssignedGroupSets();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                _users[reader.GetString(0)] = new ReportedUser(reader.GetString(1), reader.GetBoolean(2), groupSets.Read(reader, 3));
            }
        }
        foreach (var upn in missing)
        {
            _users.TryAdd(upn, null);
        }
        return _users;
    }
}
