using System.Data.Common;
using AdminCenter.Core.Persistence;

namespace AdminCenter.Core.Mam;

/// <summary>
/// The groups of a user that evaluation needs, read in the same SQL row as the registration: only groups some policy
/// assigns matter, and users with the same such groups share one set, so reading thousands of registrations costs a
/// handful of sets instead of one per user.
/// </summary>
internal sealed class AssignedGroupSets
{
    /// <summary>
    /// A scalar subquery giving the assigned groups of the user in column <paramref name="userIdColumn"/>, comma-joined
    /// (null for none); bind <see cref="Parameter"/> with <see cref="ParameterValue"/>.
    /// </summary>
    /// <remarks>
    /// Driven from the (few) assigned groups through the primary key (GroupId, UserId): one probe per assigned group.
    /// Exact comparison is right: assignments and memberships both reference Groups.Id by foreign key.
    /// </remarks>
    public static string Subquery(SqlDialect dialect, string userIdColumn) => $"""
        (SELECT string_agg(m."GroupId", ',') FROM {dialect.StringsOf(Parameter, "g")}
         JOIN "GroupMembers" AS m ON m."GroupId" = g.value AND m."UserId" = {userIdColumn})
        """;

    public const string Parameter = "@assignedGroups";

    private static readonly HashSet<string> NoGroups = [];
    private readonly Dictionary<string, HashSet<string>> _sets = new(StringComparer.Ordinal);

    /// <summary>The ids of the groups the tenant's policies include or exclude, as the JSON array the subquery reads.</summary>
    public static string ParameterValue(TenantEvaluationContext context) =>
        System.Text.Json.JsonSerializer.Serialize(
            context.Policies.SelectMany(p => p.Assignments).Select(a => a.GroupId).Distinct(StringComparer.OrdinalIgnoreCase).ToList());

    /// <summary>The set for the subquery's value at <paramref name="ordinal"/>.</summary>
    public IReadOnlySet<string> Read(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return NoGroups;
        }
        var joined = reader.GetString(ordinal);
        if (!_sets.TryGetValue(joined, out var set))
        {
            _sets[joined] = set = new HashSet<string>(joined.Split(','), StringComparer.OrdinalIgnoreCase);
        }
        return set;
    }
}
