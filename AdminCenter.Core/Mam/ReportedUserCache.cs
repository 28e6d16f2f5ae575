using System.Data;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminCenter.Core.Mam;

/// <summary>A reported user as evaluation needs it: whether the account is enabled, and the assigned groups.</summary>
internal sealed class ReportedUser
{
    // An id this app creates is a Guid's canonical text: kept as the Guid, a cached user takes 16 bytes for it instead of
    // a 96-byte string (the cache holds a tenant's users: about 150 bytes each in all, against 250 with the string).
    private readonly Guid _guid;
    private readonly string? _id;

    public ReportedUser(string id, bool accountEnabled, IReadOnlySet<string> groupIds)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Guid.TryParseExact(id, "D", out var guid) && string.Equals(guid.ToString(), id, StringComparison.Ordinal))
        {
            _guid = guid;
        }
        else
        {
            _id = id;
        }
        AccountEnabled = accountEnabled;
        GroupIds = groupIds;
    }

    public string Id => _id ?? _guid.ToString();

    /// <summary>The id as a Guid when its text is the Guid's canonical text, so it can be bound without a string.</summary>
    public Guid? IdAsGuid => _id is null ? _guid : null;

    public bool AccountEnabled { get; }

    public IReadOnlySet<string> GroupIds { get; }
}

/// <summary>
/// The users health reports name, by normalized UPN (null: not in the directory), as of one DirectoryVersion. Partners
/// report the same devices over and over and the directory rarely changes, so most batches read no user at all. The
/// version is bumped (by triggers) on every change of users, memberships and assignments, on any instance, so a cache
/// filled before a change is dropped at the next batch. Not thread-safe: the ingestion's single writer owns it.
/// </summary>
internal sealed class ReportedUserCache(int maxCachedUsers = ReportedUserCache.DefaultMaxCachedUsers)
{
    /// <summary>
    /// Enough to hold every user of a large enterprise tenant (the benchmark's has 1,000,000, each reported once a round),
    /// at about 150 bytes a user: at most about 160 MiB.
    /// </summary>
    public const int DefaultMaxCachedUsers = 1_100_000;

    private readonly Dictionary<string, ReportedUser?> _users = new(StringComparer.Ordinal);
    private AssignedGroupSets _groupSets = new();
    private long _version = -1;

    /// <summary>The users with these normalized UPNs, reading only the ones the cache lacks.</summary>
    public async Task<IReadOnlyDictionary<string, ReportedUser?>> GetAsync(
        AdminCenterDbContext db, IEnumerable<string> normalizedUserPrincipalNames, TenantEvaluationContext context, CancellationToken cancellationToken)
    {
        var version = await db.Database.SqlQuery<long>($"""SELECT "Version" AS "Value" FROM "DirectoryVersion" """).SingleAsync(cancellationToken);
        if (version != _version)
        {
            _users.Clear();
            _groupSets = new AssignedGroupSets();
            _version = version;
        }
        var requested = normalizedUserPrincipalNames as IReadOnlyCollection<string> ?? [.. normalizedUserPrincipalNames];
        var missing = requested.Where(upn => !_users.ContainsKey(upn)).ToHashSet(StringComparer.Ordinal);
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
        var read = new Dictionary<string, ReportedUser?>(missing.Count, StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                read[reader.GetString(0)] = new ReportedUser(reader.GetString(1), reader.GetBoolean(2), _groupSets.Read(reader, 3));
            }
        }
        foreach (var upn in missing)
        {
            read.TryAdd(upn, null);
        }
        if (_users.Count + read.Count > maxCachedUsers)
        {
            // Past the cap the users already cached stay (dropping them all would leave a tenant that reports its users in
            // turn with no hit at all); the rest are read for each batch.
            foreach (var upn in requested)
            {
                if (!read.ContainsKey(upn))
                {
                    read[upn] = _users[upn];
                }
            }
            return read;
        }
        foreach (var (upn, user) in read)
        {
            _users[upn] = user;
        }
        return _users;
    }
}
