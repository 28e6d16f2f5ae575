using System.Buffers.Text;
using System.Security.Cryptography;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.ApiTokens;

/// <summary>A row of the API tokens list.</summary>
public sealed record ApiTokenRow(
    string Id, string Name, string Role, string Prefix, DateTime CreatedDateTime, string CreatedBy, DateTime ExpiresDateTime,
    DateTime? LastUsedDateTime, ApiTokenStatus Status, DateTime? RevokedDateTime, string? RevokedBy);

/// <summary>A token just created: its only chance to be seen in full.</summary>
public sealed record CreatedApiToken(ApiTokenRow Token, string Value);

/// <summary>Who an accepted token is: the API acts with <see cref="Role"/>.</summary>
public sealed record ApiTokenPrincipal(string Id, string Name, string Role);

/// <summary>
/// API tokens (spec 06): create (the value returned once), list, revoke, and the check of a presented value. Nothing is
/// kept in memory, so a revocation on any instance takes effect on every instance at once (spec 08); "last used" is
/// written at most once a minute per token.
/// </summary>
public sealed partial class ApiTokenService(
    IDbContextFactory<AdminCenterDbContext> dbFactory, DatabaseSettings database, TimeProvider timeProvider, ILogger<ApiTokenService> logger,
    Roles.RoleCatalog? roles = null)
{
    public const string BootstrapTokenName = "Bootstrap";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Spec 06: API tokens belong to the Intune roles category; creating one needs Create, revoking one Delete.</summary>
    public static readonly Permission CreatePermission = new(PermissionCategory.IntuneRoles, PermissionAction.Create);

    public static readonly Permission RevokePermission = new(PermissionCategory.IntuneRoles, PermissionAction.Delete);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().ToListAsync(cancellationToken);
        var now = UtcNow;
        return [.. tokens.OrderByDescending(t => t.CreatedDateTime).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(t => ToRow(t, now))];
    }

    public async Task<ServiceResult<CreatedApiToken>> CreateAsync(ApiTokenInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(CreatePermission))
        {
            return ServiceResult<CreatedApiToken>.Forbidden(CreatePermission);
        }
        return await CreateWithValueAsync(input, NewValue(), actor.AuditName, cancellationToken);
    }

    public async Task<ServiceResult<ApiTokenRow>> RevokeAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(RevokePermission))
        {
            return ServiceResult<ApiTokenRow>.Forbidden(RevokePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return ServiceResult<ApiTokenRow>.NotFound("id", "The token does not exist; it may have been deleted.");
        }
        var previousStatus = token.StatusAt(UtcNow);
        token.Revoke(actor.AuditName, UtcNow);
        db.Record(Entry(AuditActivityType.Action, actor.AuditName, token,
            AuditTrail.Property("status", previousStatus.ToString(), token.StatusAt(UtcNow).ToString()), "Revoke"), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        LogRevoked(token.Name, actor.AuditName);
        return ServiceResult<ApiTokenRow>.Success(ToRow(token, UtcNow));
    }

    /// <summary>The token a presented value belongs to, if that token is active; null otherwise.</summary>
    public async Task<ApiTokenPrincipal?> AuthenticateAsync(string value, CancellationToken cancellationToken = default)
    {
        // Read every time, not kept in memory: a token revoked on another instance must be refused here at once (spec 08),
        // and the read is one indexed lookup by prefix.
        var now = UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var prefix = ApiToken.PrefixOf(value);
        var candidates = await db.ApiTokens.AsNoTracking().Where(t => t.Prefix == prefix).ToListAsync(cancellationToken);
        var token = candidates.FirstOrDefault(t => t.Matches(value));
        if (token is null || token.StatusAt(now) != ApiTokenStatus.Active)
        {
            return null;
        }
        if (token.LastUsedDateTime is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            await WriteLastUsedAsync(db, token.Id, now, cancellationToken);
        }
        return new ApiTokenPrincipal(token.Id, token.Name, token.Role);
    }

    /// <summary>
    /// <c>Bootstrap__ApiToken</c> (spec 01): on a tenant without a token named "Bootstrap", creates one with that value and
    /// the Global Administrator role, listed and revocable like any other.
    /// </summary>
    public async Task EnsureBootstrapTokenAsync(string? value, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        // A plain read: on a restart, which finds the token, start-up then creates no DbContext (BENCHMARKS.md "Cold start").
        await using (var connection = database.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM \"ApiTokens\" WHERE \"NormalizedName\" = @name";
            SqlDialect.AddParameter(command, "@name", System.Data.DbType.String, ApiToken.NormalizeName(BootstrapTokenName));
            if (await command.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }
        var input = new ApiTokenInput(BootstrapTokenName, AdminRoles.GlobalAdministrator, UtcNow.AddDays(ApiTokenExpiry.MaxDays));
        var result = await CreateWithValueAsync(input, value, BootstrapCreator, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The Bootstrap API token could not be created: " + string.Join(" ", result.Problems.Select(p => p.Message)));
        }
    }

    private async Task<ServiceResult<CreatedApiToken>> CreateWithValueAsync(ApiTokenInput input, string value, string actor, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        // Custom roles too, when the catalog is there (it always is in the app).
        var problems = ApiTokenRules.Validate(input, now, roles?.TokenRoleNames);
        if (problems.Count > 0)
        {
            return ServiceResult<CreatedApiToken>.Invalid(problems);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = ApiToken.NormalizeName(input.Name!);
        if (await db.ApiTokens.AnyAsync(t => t.NormalizedName == normalized, cancellationToken))
        {
            return ServiceResult<CreatedApiToken>.Conflict(ApiTokenRules.NameField, ApiTokenRules.NameTakenMessage(input.Name!));
        }
        var token = ApiToken.Create(input.Name!, input.Role!, value, input.ExpiresDateTime!.Value, actor, now);
        db.ApiTokens.Add(token);
        // Never the value, not even its hash: name, role and expiry describe the token.
        // The bootstrap token is made by the app at first start, not by an admin.
        db.Record(Entry(AuditActivityType.Create, actor == BootstrapCreator ? AuditActors.System : actor, token, [
            new("name", null, token.Name),
            new("role", null, token.Role),
            new("expiresDateTime", null, token.ExpiresDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        ]), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin created the same name between the check and the save.
            return ServiceResult<CreatedApiToken>.Conflict(ApiTokenRules.NameField, ApiTokenRules.NameTakenMessage(input.Name!));
        }
        LogCreated(token.Name, token.Role, actor);
        return ServiceResult<CreatedApiToken>.Success(new CreatedApiToken(ToRow(token, now), value));
    }

    // Conditional, so two instances (or requests) writing together never move "last used" back.
    private static Task<int> WriteLastUsedAsync(AdminCenterDbContext db, string id, DateTime now, CancellationToken cancellationToken) =>
        db.ApiTokens.Where(t => t.Id == id && (t.LastUsedDateTime == null || t.LastUsedDateTime < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedDateTime, now), cancellationToken);

    // 32 random bytes: 43 URL-safe characters, far beyond guessing; no fixed prefix, so the first six tell tokens apart.
    private static string NewValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private const string BootstrapCreator = "Bootstrap__ApiToken";

    private static AuditEntry Entry(
        AuditActivityType type, string actor, ApiToken token, IReadOnlyList<AuditModifiedProperty> changes, string? verb = null) =>
        new(AuditCategories.ApiTokens, type, actor, "ApiToken", token.Name, token.Id, changes, verb);

    private static ApiTokenRow ToRow(ApiToken token, DateTime now) => new(
        token.Id, token.Name, token.Role, token.Prefix, token.CreatedDateTime, token.CreatedBy, token.ExpiresDateTime,
        token.LastUsedDateTime, token.StatusAt(now), token.RevokedDateTime, token.RevokedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "API token {Name} ({Role}) created by {Actor}")]
    private partial void LogCreated(string name, string role, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "API token {Name} revoked by {Actor}")]
    private partial void LogRevoked(string name, string actor);
}
