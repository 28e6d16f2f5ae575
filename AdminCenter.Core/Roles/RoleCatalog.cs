using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Roles;

/// <summary>
/// Every role of the tenant, built-in and custom, by name: the one place a role name held by an administrator or an API
/// token becomes permissions. Custom roles are kept in memory under the custom roles' <see cref="ChangeStamp"/>, which
/// <see cref="CustomRoleService"/> replaces with each change: a lookup costs one single-row read, and a role changed on
/// another instance is seen at the next lookup (spec 08).
/// </summary>
public sealed class RoleCatalog(IDbContextFactory<AdminCenterDbContext> dbFactory)
{
    private Snapshot? _snapshot;

    /// <summary>The role named <paramref name="name"/> (built-in names case-insensitively, custom by their normalized key), or null.</summary>
    public RoleDefinition? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null
        : BuiltInRoles.Find(name) ?? (Current().ByKey.TryGetValue(CustomRole.Normalize(name), out var custom) ? custom : null);

    /// <summary>The built-in roles in spec 06's order, then the custom roles by name.</summary>
    public IReadOnlyList<RoleDefinition> All => [.. BuiltInRoles.All, .. Current().Custom];

    public IReadOnlyList<RoleDefinition> Custom => Current().Custom;

    /// <summary>Roles an administrator can hold: the built-in admin roles, then the custom roles.</summary>
    public IReadOnlyList<string> AdministratorRoleNames =>
        [.. BuiltInRoles.All.Where(role => role.Name != BuiltInRoles.ManagedAppClientName).Select(role => role.Name), .. Current().Custom.Select(role => role.Name)];

    /// <summary>Roles an API token can hold: every role, Managed app client included.</summary>
    public IReadOnlyList<string> TokenRoleNames => [.. All.Select(role => role.Name)];

    /// <summary>Whether any of <paramref name="roleNames"/> grants <paramref name="permission"/>.</summary>
    public bool AnyAllows(IEnumerable<string> roleNames, Permission permission) => roleNames.Any(name => Find(name)?.Allows(permission) == true);

    /// <summary>The roles (built-in and custom) that grant <paramref name="permission"/>, for messages that say who may.</summary>
    public IReadOnlyList<string> Holders(Permission permission) => [.. All.Where(role => role.Allows(permission)).Select(role => role.Name)];

    /// <summary>Drops the cached custom roles; the next lookup reads them again.</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    private Snapshot Current()
    {
        // Synchronous on purpose: authorization handlers and ToActor are synchronous. The stamp is one row; the roles are
        // read again only when a change (on this instance or another) replaced it.
        using var db = dbFactory.CreateDbContext();
        var stamp = db.ReadStamp(ChangeStamp.CustomRoles);
        if (Volatile.Read(ref _snapshot) is { } snapshot && snapshot.Stamp == stamp)
        {
            return snapshot;
        }
        // Read after the stamp: a change committed in between leaves newer roles under the older stamp, read again next time.
        var roles = db.CustomRoles.AsNoTracking().ToList()
            .OrderBy(role => role.Name, StringComparer.OrdinalIgnoreCase).Select(role => (role.NormalizedName, Definition: role.ToDefinition())).ToList();
        var loaded = new Snapshot(stamp, [.. roles.Select(r => r.Definition)], roles.ToDictionary(r => r.NormalizedName, r => r.Definition, StringComparer.Ordinal));
        Volatile.Write(ref _snapshot, loaded);
        return loaded;
    }

    private sealed record Snapshot(Guid Stamp, IReadOnlyList<RoleDefinition> Custom, IReadOnlyDictionary<string, RoleDefinition> ByKey);
}
