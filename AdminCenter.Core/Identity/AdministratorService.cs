using System.Globalization;
using System.Security.Claims;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.Identity;

/// <summary>A row of the Administrators list. <see cref="LastSignIn"/> is null until the admin has signed in.</summary>
public sealed record AdministratorRow(
    string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, AdministratorStatus Status, DateTime? LastSignIn, bool MustChangePassword);

/// <summary>What the Add administrator pane sends.</summary>
public sealed record AddAdministratorInput(string Email, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>An administrator with a password just set: the one chance to see it.</summary>
public sealed record OneTimePassword(AdministratorRow Administrator, string Password);

/// <summary>
/// Administrators (spec 06): add with a one-time password, change roles, disable, enable, unlock, reset the password,
/// and the admin's own password change. Every change checks the actor's permission (Intune roles) and the rules of
/// <see cref="AdministratorRules"/> before it touches data. Each operation runs in its own scope, so Identity's
/// UserManager and its DbContext live for that operation only.
/// Audit: Identity's UserManager saves after each of its calls, so a change runs in one database transaction on the
/// scope's DbContext (the one the UserManager's store uses): the Identity calls, then the audit event and its SaveChanges,
/// then the commit. A refusal or a failed Identity call rolls back, leaving neither the change nor its event.
/// </summary>
public sealed class AdministratorService(IServiceScopeFactory scopes, TimeProvider timeProvider, RoleCatalog catalog)
{
    public const string ActorField = "actor";
    public const string TargetField = "id";
    public const string AuditTargetType = "Administrator";
    private const string NotFoundMessage = "The administrator no longer exists; reload the list.";

    public async Task<IReadOnlyList<AdministratorRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var admins = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var rows = new List<AdministratorRow>(admins.Count);
        foreach (var admin in admins)
        {
            rows.Add(await ToRowAsync(users, admin));
        }
        return rows;
    }

    /// <summary>Whether <paramref name="actorId"/> may change administrators; the page shows the list read-only otherwise.</summary>
    public async Task<bool> CanManageAsync(string actorId)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ActorAllowsAsync(Users(scope), actorId, AdministratorRules.ManagePermission)
            && await ActorAllowsAsync(Users(scope), actorId, AdministratorRules.AssignPermission);
    }

    public async Task<ServiceResult<OneTimePassword>> AddAsync(string actorId, AddAdministratorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await RefuseActorAsync<OneTimePassword>(users, actorId, AdministratorRules.AssignPermission) is { } refused)
        {
            return refused;
        }
        var actorName = await AuditNameAsync(users, actorId);
        var email = input.Email?.Trim() ?? "";
        List<ValidationProblem> problems = [];
        Add(problems, AdministratorRules.EmailField, AdministratorRules.CheckEmail(email));
        Add(problems, AdministratorRules.DisplayNameField, AdministratorRules.CheckDisplayName(input.DisplayName));
        Add(problems, AdministratorRules.RolesField, AdministratorRules.CheckRoles(input.Roles, catalog.AdministratorRoleNames));
        if (problems.Count == 0 && await users.FindByEmailAsync(email) is not null)
        {
            problems.Add(new(AdministratorRules.EmailField, AdministratorRules.EmailTakenMessage, IsConflict: true));
        }
        if (problems.Count > 0)
        {
            return ServiceResult<OneTimePassword>.Invalid(problems);
        }

        var password = AdministratorRules.NewOneTimePassword();
        var admin = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName!.Trim() };
        var db = Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            return ServiceResult<OneTimePassword>.Invalid([new(AdministratorRules.EmailField, Describe(created))]);
        }
        await users.AddToRolesAsync(admin, input.Roles.Distinct());
        await users.AddClaimAsync(admin, MustChangePassword);
        await CommitAsync(db, transaction, Entry(AuditActivityType.Create, actorName, admin,
        [
            new("email", null, admin.Email),
            new("displayName", null, admin.DisplayName),
            new("roles", null, JoinRoles(input.Roles)),
            new("password", null, AuditTrail.SecretChanged),
        ]));
        return ServiceResult<OneTimePassword>.Success(new(await ToRowAsync(users, admin), password));
    }

    public async Task<ServiceResult<AdministratorRow>> SetRolesAsync(string actorId, string targetId, IReadOnlyList<string> roles)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await RefuseActorAsync<AdministratorRow>(users, actorId, AdministratorRules.AssignPermission) is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(targetId) is not { } target)
        {
            return ServiceResult<AdministratorRow>.NotFound(TargetField, NotFoundMessage);
        }
        if (AdministratorRules.CheckRoles(roles, catalog.AdministratorRoleNames) is { } rolesProblem)
        {
            return ServiceResult<AdministratorRow>.Invalid([new(AdministratorRules.RolesField, rolesProblem)]);
        }
        var current = await users.GetRolesAsync(target);
        var problem = (actorId == targetId ? AdministratorRules.CheckNotSelfRaise(current, roles, catalog.Find) : null)
            ?? (current.Contains(AdminRoles.GlobalAdministrator) && !roles.Contains(AdminRoles.GlobalAdministrator)
                ? AdministratorRules.CheckKeepsGlobalAdministrator(await EnabledGlobalAdministratorsAsync(users), targetId) : null);
        if (problem is not null)
        {
            return ServiceResult<AdministratorRow>.Conflict(AdministratorRules.RolesField, problem);
        }
        var before = JoinRoles(current);
        var after = JoinRoles(roles);
        if (before == after)
        {
            return ServiceResult<AdministratorRow>.Success(await ToRowAsync(users, target));
        }
        var db = Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.RemoveFromRolesAsync(target, current.Except(roles));
        await users.AddToRolesAsync(target, roles.Distinct().Except(current));
        // Ends the admin's other sessions at their next revalidation, so old roles do not linger in a cookie.
        await users.UpdateSecurityStampAsync(target);
        await CommitAsync(db, transaction, Entry(AuditActivityType.Update, await AuditNameAsync(users, actorId), target,
            AuditTrail.Property("roles", before, after)));
        return ServiceResult<AdministratorRow>.Success(await ToRowAsync(users, target));
    }

    public async Task<ServiceResult<AdministratorRow>> DisableAsync(string actorId, string targetId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await RefuseActorAsync<AdministratorRow>(users, actorId, AdministratorRules.ManagePermission) is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(targetId) is not { } target)
        {
            return ServiceResult<AdministratorRow>.NotFound(TargetField, NotFoundMessage);
        }
        var problem = actorId == targetId ? AdministratorRules.SelfDisableMessage
            : await users.IsInRoleAsync(target, AdminRoles.GlobalAdministrator)
                ? AdministratorRules.CheckKeepsGlobalAdministrator(await EnabledGlobalAdministratorsAsync(users), targetId) : null;
        if (problem is not null)
        {
            return ServiceResult<AdministratorRow>.Conflict(AdministratorRules.StatusField, problem);
        }
        var before = StatusOf(target);
        var db = Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetLockoutEnabledAsync(target, true);
        await users.SetLockoutEndDateAsync(target, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(target);
        await CommitAsync(db, transaction, Entry(AuditActivityType.Action, await AuditNameAsync(users, actorId), target,
            AuditTrail.Property("status", before.ToString(), StatusOf(target).ToString()), "Disable"));
        return ServiceResult<AdministratorRow>.Success(await ToRowAsync(users, target));
    }

    /// <summary>Enables a disabled admin or unlocks a locked one: both clear the lockout and the failed-attempt count.</summary>
    public Task<ServiceResult<AdministratorRow>> EnableAsync(string actorId, string targetId) => EnableAsync(actorId, targetId, "Enable");

    public Task<ServiceResult<AdministratorRow>> UnlockAsync(string actorId, string targetId) => EnableAsync(actorId, targetId, "Unlock");

    private async Task<ServiceResult<AdministratorRow>> EnableAsync(string actorId, string targetId, string verb)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await RefuseActorAsync<AdministratorRow>(users, actorId, AdministratorRules.ManagePermission) is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(targetId) is not { } target)
        {
            return ServiceResult<AdministratorRow>.NotFound(TargetField, NotFoundMessage);
        }
        var before = StatusOf(target);
        var db = Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetLockoutEndDateAsync(target, null);
        await users.ResetAccessFailedCountAsync(target);
        await CommitAsync(db, transaction, Entry(AuditActivityType.Action, await AuditNameAsync(users, actorId), target,
            AuditTrail.Property("status", before.ToString(), StatusOf(target).ToString()), verb));
        return ServiceResult<AdministratorRow>.Success(await ToRowAsync(users, target));
    }

    /// <summary>Sets a new one-time password, to be changed at the admin's next sign-in, and ends their sessions.</summary>
    public async Task<ServiceResult<OneTimePassword>> ResetPasswordAsync(string actorId, string targetId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await RefuseActorAsync<OneTimePassword>(users, actorId, AdministratorRules.ManagePermission) is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(targetId) is not { } target)
        {
            return ServiceResult<OneTimePassword>.NotFound(TargetField, NotFoundMessage);
        }
        var password = AdministratorRules.NewOneTimePassword();
        var db = Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var reset = await users.ResetPasswordAsync(target, await users.GeneratePasswordResetTokenAsync(target), password);
        if (!reset.Succeeded)
        {
            return ServiceResult<OneTimePassword>.Invalid([new(AdministratorRules.PasswordField, Describe(reset))]);
        }
        await ReplaceClaimAsync(users, target, MustChangePassword);
        await CommitAsync(db, transaction, Entry(AuditActivityType.Action, await AuditNameAsync(users, actorId), target,
            [new("password", null, AuditTrail.SecretChanged)], "Reset password"));
        return ServiceResult<OneTimePassword>.Success(new(await ToRowAsync(users, target), password));
    }

    /// <summary>The admin's own password change (My account, and the first sign-in with a one-time password).</summary>
    public async Task<ServiceResult<AdministratorRow>> ChangePasswordAsync(string userId, string? currentPassword, string? newPassword, string? confirmation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return ServiceResult<AdministratorRow>.NotFound(TargetField, NotFoundMessage);
        }
        List<ValidationProblem> problems = [];
        Add(problems, AdministratorRules.CurrentPasswordField, string.IsNullOrEmpty(currentPassword) ? "Enter your current password." : null);
        Add(problems, AdministratorRules.PasswordField, AdministratorRules.CheckNewPassword(newPassword)
            ?? (newPassword == currentPassword ? AdministratorRules.SamePasswordMessage : null));
        Add(problems, AdministratorRules.ConfirmPasswordField, AdministratorRules.CheckConfirmation(newPassword, confirmation));
        if (problems.Count == 0 && !await users.CheckPasswordAsync(user, currentPassword!))
        {
            problems.Add(new(AdministratorRules.CurrentPasswordField, AdministratorRules.CurrentPasswordWrongMessage));
        }
        if (problems.Count > 0)
        {
            return ServiceResult<AdministratorRow>.Invalid(problems);
        }
        var db = Db(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (!changed.Succeeded)
        {
            return ServiceResult<AdministratorRow>.Invalid([new(AdministratorRules.PasswordField, Describe(changed))]);
        }
        foreach (var claim in (await users.GetClaimsAsync(user)).Where(c => c.Type == AdministratorRules.MustChangePasswordClaim))
        {
            await users.RemoveClaimAsync(user, claim);
        }
        await CommitAsync(db, transaction, Entry(AuditActivityType.Action, user.Email ?? user.Id, user,
            [new("password", null, AuditTrail.SecretChanged)], "Change password"));
        return ServiceResult<AdministratorRow>.Success(await ToRowAsync(users, user));
    }

    /// <summary>Records a successful sign-in (an Identity user claim: no schema of its own).</summary>
    public async Task RecordSignInAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByIdAsync(userId) is { } user)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            await ReplaceClaimAsync(users, user, new Claim(AdministratorRules.LastSignInClaim, now));
        }
    }

    private static Claim MustChangePassword => new(AdministratorRules.MustChangePasswordClaim, "true");

    private static UserManager<AdminUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();

    /// <summary>The scope's context: the same instance the UserManager's store saves through.</summary>
    private static AdminCenterDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AdminCenterDbContext>();

    private async Task CommitAsync(AdminCenterDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, AuditEntry entry)
    {
        db.Record(entry, timeProvider.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static AuditEntry Entry(AuditActivityType type, string actor, AdminUser target, IReadOnlyList<AuditModifiedProperty> changes, string? verb = null) =>
        new(AuditCategories.Roles, type, actor, AuditTargetType, target.Email ?? target.Id, target.Id, changes, verb);

    private static async Task<string> AuditNameAsync(UserManager<AdminUser> users, string actorId) =>
        (await users.FindByIdAsync(actorId))?.Email ?? actorId;

    private AdministratorStatus StatusOf(AdminUser admin) => AdministratorRules.StatusOf(admin.LockoutEnd, timeProvider.GetUtcNow());

    /// <summary>Roles in the catalog's order (built-in first, then custom), as the list and the audit log show them.</summary>
    private string JoinRoles(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return string.Join(", ", catalog.AdministratorRoleNames.Where(held.Contains));
    }

    private async Task<bool> ActorAllowsAsync(UserManager<AdminUser> users, string actorId, Permission permission) =>
        await users.FindByIdAsync(actorId) is { } actor
        && AdministratorRules.StatusOf(actor.LockoutEnd, DateTimeOffset.MinValue) != AdministratorStatus.Disabled
        && catalog.AnyAllows(await users.GetRolesAsync(actor), permission);

    private async Task<ServiceResult<T>?> RefuseActorAsync<T>(UserManager<AdminUser> users, string actorId, Permission permission) =>
        await ActorAllowsAsync(users, actorId, permission) ? null
            : ServiceResult<T>.Forbidden(permission) with { Problems = [new(ActorField, AdministratorRules.PermissionNeededMessage(permission))] };

    private static async Task<IReadOnlyCollection<string>> EnabledGlobalAdministratorsAsync(UserManager<AdminUser> users) =>
        [.. (await users.GetUsersInRoleAsync(AdminRoles.GlobalAdministrator))
            .Where(u => u.LockoutEnd != DateTimeOffset.MaxValue).Select(u => u.Id)];

    private static async Task ReplaceClaimAsync(UserManager<AdminUser> users, AdminUser user, Claim claim)
    {
        foreach (var old in (await users.GetClaimsAsync(user)).Where(c => c.Type == claim.Type))
        {
            await users.RemoveClaimAsync(user, old);
        }
        await users.AddClaimAsync(user, claim);
    }

    private async Task<AdministratorRow> ToRowAsync(UserManager<AdminUser> users, AdminUser admin)
    {
        var roles = await users.GetRolesAsync(admin);
        var claims = await users.GetClaimsAsync(admin);
        DateTime? lastSignIn = claims.FirstOrDefault(c => c.Type == AdministratorRules.LastSignInClaim) is { } claim
            && DateTime.TryParse(claim.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
        return new(admin.Id, admin.DisplayName, admin.Email ?? "",
            [.. catalog.AdministratorRoleNames.Where(name => roles.Contains(name, StringComparer.OrdinalIgnoreCase))],
            AdministratorRules.StatusOf(admin.LockoutEnd, timeProvider.GetUtcNow()), lastSignIn,
            claims.Any(c => c.Type == AdministratorRules.MustChangePasswordClaim));
    }

    private static void Add(List<ValidationProblem> problems, string field, string? message)
    {
        if (message is not null)
        {
            problems.Add(new(field, message));
        }
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
