using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Roles;

/// <summary>A custom role as its page shows it.</summary>
public sealed record CustomRoleRow(
    string Id, string Name, string Description, IReadOnlySet<Permission> Permissions, DateTime CreatedDateTime, DateTime ModifiedDateTime)
{
    public RoleDefinition ToDefinition() => new(Name, Description, IsBuiltIn: false, Permissions);
}

/// <summary>Who holds a role: administrators (display name and email) and active API tokens (name).</summary>
public sealed record RoleHolders(IReadOnlyList<string> Administrators, IReadOnlyList<string> ApiTokens)
{
    public bool Any => Administrators.Count > 0 || ApiTokens.Count > 0;
}

/// <summary>
/// Custom roles (spec 06, Roles page): create, edit, delete. Each change checks the actor's Intune roles permission first,
/// keeps names unique (and apart from the built-in roles), records one audit event in the change's SaveChanges, and
/// refreshes the <see cref="RoleCatalog"/>. The role also exists as an Identity role, so administrators can hold it.
/// </summary>
public sealed class CustomRoleService(IDbContextFactory<AdminCenterDbContext> dbFactory, RoleCatalog catalog, TimeProvider timeProvider)
{
    public const string TargetType = "RoleDefinition";
    private static readonly UpperInvariantLookupNormalizer IdentityNormalizer = new UpperInvariantLookupNormalizer();

    public static Permission CreatePermission { get; } = new(PermissionCategory.IntuneRoles, PermissionAction.Create);

    public static Permission UpdatePermission { get; } = new(PermissionCategory.IntuneRoles, PermissionAction.Update);

    public static Permission DeletePermission { get; } = new(PermissionCategory.IntuneRoles, PermissionAction.Delete);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<CustomRoleRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roles = await db.CustomRoles.AsNoTracking().ToListAsync(cancellationToken);
        return [.. roles.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(ToRow)];
    }

    /// <summary>The custom role named <paramref name="name"/> (regardless of case), or null.</summary>
    public async Task<CustomRoleRow?> FindAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var key = CustomRole.Normalize(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var role = await db.CustomRoles.AsNoTracking().SingleOrDefaultAsync(r => r.NormalizedName == key, cancellationToken);
        return role is null ? null : ToRow(role);
    }

    /// <summary>The names of the other custom roles, for the wizard's Name check.</summary>
    public async Task<IReadOnlyList<string>> OtherNamesAsync(string? exceptId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CustomRoles.AsNoTracking().Where(r => r.Id != exceptId).Select(r => r.Name).ToListAsync(cancellationToken);
    }

    public async Task<RoleHolders> HoldersAsync(string roleName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await HoldersAsync(db, roleName, cancellationToken);
    }

    public async Task<ServiceResult<CustomRoleRow>> CreateAsync(Actor actor, CustomRoleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.May(CreatePermission))
        {
            return ServiceResult<CustomRoleRow>.Forbidden(CreatePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var problems = CustomRoleRules.Validate(input, await db.CustomRoles.Select(r => r.Name).ToListAsync(cancellationToken));
        if (problems.Count > 0)
        {
            return ServiceResult<CustomRoleRow>.Invalid(problems);
        }
        var now = UtcNow;
        var role = CustomRole.Create(input.Name!, input.Description ?? "", input.Permissions, now);
        db.CustomRoles.Add(role);
        db.Roles.Add(new IdentityRole(role.Name) { NormalizedName = IdentityNormalizer.NormalizeName(role.Name) });
        db.Record(Entry(AuditActivityType.Create, actor, role, Changes(null, role)), now);
        return await SaveAsync(db, role, input.Name!, cancellationToken);
    }

    /// <summary>Changes a custom role's name, description or permissions; a role that is assigned keeps its name.</summary>
    public async Task<ServiceResult<CustomRoleRow>> UpdateAsync(Actor actor, string id, CustomRoleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<CustomRoleRow>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.CustomRoles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } role)
        {
            return ServiceResult<CustomRoleRow>.NotFound(CustomRoleRules.RoleField, CustomRoleRules.NotFoundMessage);
        }
        var problems = CustomRoleRules.Validate(input, await db.CustomRoles.Where(r => r.Id != id).Select(r => r.Name).ToListAsync(cancellationToken));
        if (problems.Count > 0)
        {
            return ServiceResult<CustomRoleRow>.Invalid(problems);
        }
        var renamed = !string.Equals(role.Name, input.Name!.Trim(), StringComparison.Ordinal);
        // Holders carry the role's name (in their sign-in and in the token), so a rename would strip them of it silently.
        if (renamed && await HoldersAsync(db, role.Name, cancellationToken) is { Any: true } holders)
        {
            return ServiceResult<CustomRoleRow>.Conflict(CustomRoleRules.NameField,
                CustomRoleRules.AssignedMessage(role.Name, holders.Administrators, holders.ApiTokens, "renamed"));
        }
        var before = Snapshot(role);
        var oldName = role.Name;
        var now = UtcNow;
        role.Change(input.Name!, input.Description ?? "", input.Permissions, now);
        var changes = Changes(before, role);
        if (changes.Count == 0)
        {
            return ServiceResult<CustomRoleRow>.Success(ToRow(role));
        }
        if (renamed && await FindIdentityRoleAsync(db, oldName, cancellationToken) is { } identityRole)
        {
            identityRole.Name = role.Name;
            identityRole.NormalizedName = IdentityNormalizer.NormalizeName(role.Name);
        }
        db.Record(Entry(AuditActivityType.Update, actor, role, changes), now);
        return await SaveAsync(db, role, input.Name!, cancellationToken);
    }

    /// <summary>Deletes a custom role nobody holds; otherwise refuses, naming the administrators and tokens that hold it.</summary>
    public async Task<ServiceResult<CustomRoleRow>> DeleteAsync(Actor actor, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(DeletePermission))
        {
            return ServiceResult<CustomRoleRow>.Forbidden(DeletePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.CustomRoles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } role)
        {
            return ServiceResult<CustomRoleRow>.NotFound(CustomRoleRules.RoleField, CustomRoleRules.NotFoundMessage);
        }
        if (await HoldersAsync(db, role.Name, cancellationToken) is { Any: true } holders)
        {
            return ServiceResult<CustomRoleRow>.Conflict(CustomRoleRules.RoleField,
                CustomRoleRules.AssignedMessage(role.Name, holders.Administrators, holders.ApiTokens));
        }
        db.CustomRoles.Remove(role);
        if (await FindIdentityRoleAsync(db, role.Name, cancellationToken) is { } identityRole)
        {
            db.Roles.Remove(identityRole);
        }
        db.Record(Entry(AuditActivityType.Delete, actor, role, Changes(Snapshot(role), null)), UtcNow);
        db.TouchStamp(ChangeStamp.CustomRoles);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ServiceResult<CustomRoleRow>.Success(ToRow(role));
    }

    private async Task<ServiceResult<CustomRoleRow>> SaveAsync(AdminCenterDbContext db, CustomRole role, string requestedName, CancellationToken cancellationToken)
    {
        db.TouchStamp(ChangeStamp.CustomRoles);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin took the name between the check and the save (the unique indexes refuse the second).
            return ServiceResult<CustomRoleRow>.Conflict(CustomRoleRules.NameField, CustomRoleRules.NameTakenMessage(requestedName));
        }
        catalog.Invalidate();
        return ServiceResult<CustomRoleRow>.Success(ToRow(role));
    }

    private async Task<RoleHolders> HoldersAsync(AdminCenterDbContext db, string roleName, CancellationToken cancellationToken)
    {
        var normalized = IdentityNormalizer.NormalizeName(roleName);
        var administrators = await (
            from role in db.Roles
            where role.NormalizedName == normalized
            join userRole in db.UserRoles on role.Id equals userRole.RoleId
            join user in db.Users on userRole.UserId equals user.Id
            select new { user.DisplayName, user.Email }).ToListAsync(cancellationToken);
        var now = UtcNow;
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Role == roleName && t.RevokedDateTime == null && t.ExpiresDateTime > now)
            .Select(t => t.Name).ToListAsync(cancellationToken);
        return new(
            [.. administrators.Select(a => string.IsNullOrEmpty(a.DisplayName) ? a.Email ?? "" : $"{a.DisplayName} ({a.Email})").Order(StringComparer.OrdinalIgnoreCase)],
            [.. tokens.Order(StringComparer.OrdinalIgnoreCase)]);
    }

    private static Task<IdentityRole?> FindIdentityRoleAsync(AdminCenterDbContext db, string name, CancellationToken cancellationToken)
    {
        var normalized = IdentityNormalizer.NormalizeName(name);
        return db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalized, cancellationToken);
    }

    private sealed record RoleSnapshot(string Name, string Description, string Permissions);

    private static RoleSnapshot Snapshot(CustomRole role) => new(role.Name, role.Description, Describe(role.Granted));

    /// <summary>Permissions as the page labels them, e.g. "Managed apps/Read, Managed apps/Update".</summary>
    public static string Describe(IReadOnlySet<Permission> granted) => string.Join(", ", Permissions.All.Where(granted.Contains));

    private static IReadOnlyList<AuditModifiedProperty> Changes(RoleSnapshot? before, CustomRole? after)
    {
        var now = after is null ? null : Snapshot(after);
        return
        [
            .. AuditTrail.Property("name", before?.Name, now?.Name),
            .. AuditTrail.Property("description", before?.Description, now?.Description),
            .. AuditTrail.Property("permissions", before?.Permissions, now?.Permissions),
        ];
    }

    private static AuditEntry Entry(AuditActivityType type, Actor actor, CustomRole role, IReadOnlyList<AuditModifiedProperty> changes) =>
        new(AuditCategories.Roles, type, actor.AuditName, TargetType, role.Name, role.Id, changes);

    private static CustomRoleRow ToRow(CustomRole role) =>
        new(role.Id, role.Name, role.Description, role.Granted, role.CreatedDateTime, role.ModifiedDateTime);
}
