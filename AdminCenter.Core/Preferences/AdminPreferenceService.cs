using System.Security.Claims;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Preferences;

/// <summary>
/// Per-admin preferences as plain key/value strings: each feature owns its key and the format of its value
/// (e.g. <see cref="Mam.AppProtectionStatusColumns.PreferenceKey"/>). One short-lived context per call.
/// </summary>
public sealed class AdminPreferenceService(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>The id preferences are kept under: the Identity user id, else (a principal without one) the sign-in name.</summary>
    public static string? AdminIdOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated != true ? null
        : principal.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? id
        : principal.Identity.Name is { Length: > 0 } name ? name
        : null;

    /// <summary>The stored value, or null when this admin never chose one.</summary>
    public async Task<string?> GetAsync(string adminId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminId);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AdminPreferences.AsNoTracking()
            .Where(p => p.AdminId == adminId && p.Key == key)
            .Select(p => p.Value)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="value"/>, replacing the admin's earlier choice; the last write wins.</summary>
    public async Task<ServiceResult<string>> SetAsync(string adminId, string key, string value, CancellationToken cancellationToken = default)
    {
        var problems = Validate(adminId, key, value);
        if (problems.Count > 0)
        {
            return ServiceResult<string>.Invalid(problems);
        }
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One statement, so two tabs of the same admin saving at once cannot collide on the key.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "AdminPreferences" ("AdminId", "Key", "Value", "UpdatedDateTime") VALUES ({adminId}, {key}, {value}, {now})
            ON CONFLICT ("AdminId", "Key") DO UPDATE SET "Value" = excluded."Value", "UpdatedDateTime" = excluded."UpdatedDateTime"
            """, cancellationToken);
        return ServiceResult<string>.Success(value);
    }

    private static List<ValidationProblem> Validate(string? adminId, string? key, string? value)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(adminId) || adminId.Length > AdminPreference.MaxAdminIdLength)
        {
            problems.Add(new("adminId", "Sign in again: preferences are kept per administrator."));
        }
        if (string.IsNullOrWhiteSpace(key) || key.Length > AdminPreference.MaxKeyLength)
        {
            problems.Add(new("key", $"A preference needs a name of at most {AdminPreference.MaxKeyLength} characters."));
        }
        if (value is null || value.Length > AdminPreference.MaxValueLength)
        {
            problems.Add(new("value", $"A preference holds at most {AdminPreference.MaxValueLength} characters."));
        }
        return problems;
    }
}
