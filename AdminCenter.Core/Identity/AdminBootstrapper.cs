using System.Security.Cryptography;
using AdminCenter.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Identity;

/// <summary>Configuration of the first administrator (spec 01): <c>Bootstrap__AdminEmail</c>, <c>Bootstrap__AdminPassword</c>.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string AdminEmail { get; set; } = "admin@contoso.onmicrosoft.com";

    public string? AdminPassword { get; set; }

    /// <summary><c>Bootstrap__ApiToken</c>: the value of the "Bootstrap" API token created on first start.</summary>
    public string? ApiToken { get; set; }
}

/// <summary>Creates the roles and, in an empty tenant, the first Global Administrator.</summary>
/// <remarks>
/// The configured password (<c>Bootstrap__AdminPassword</c>) is applied once, when the administrator is created on the
/// first start (spec 01), and never again: a restart hashes nothing, whatever the setting says. Re-applying a changed
/// setting was considered and left out: noticing the change without PBKDF2 needs a fast fingerprint of the password
/// in the database (SHA-256 or an HMAC whose key would sit in the same database), which would let anyone holding a
/// copy of the database test guesses far faster than against Identity's hash. An admin changes the password under My
/// account, or another Global Administrator resets it.
/// </remarks>
public sealed class AdminBootstrapper(
    DatabaseSettings database,
    IServiceProvider services,
    IOptions<BootstrapOptions> options)
{
    /// <summary>
    /// Creates the missing roles and, in an empty tenant, the first administrator. Returns that administrator (with the
    /// generated password, if any) so start-up can print it last, or null when the tenant already had one. On every
    /// later start this is two small reads: Identity's managers (and the password hasher) are only resolved for work.
    /// The reads are plain commands: a restart creates no <c>DbContext</c> before the server answers (BENCHMARKS.md
    /// "Cold start", ninth step).
    /// </summary>
    public async Task<FirstAdministrator?> EnsureBootstrapAdminAsync(CancellationToken cancellationToken = default)
    {
        var existingRoles = new List<string>();
        bool hasAdministrator;
        await using (var connection = database.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Name\" FROM \"AspNetRoles\" WHERE \"Name\" IS NOT NULL";
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    existingRoles.Add(reader.GetString(0));
                }
            }
            command.CommandText = "SELECT 1 FROM \"AspNetUsers\" LIMIT 1";
            hasAdministrator = await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        var missingRoles = AdminRoles.All.Except(existingRoles, StringComparer.Ordinal).ToList();
        if (missingRoles.Count > 0)
        {
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in missingRoles)
            {
                // Another instance may have created it meanwhile (PostgreSQL start-up holds a lock, but stay safe).
                if (!await roles.RoleExistsAsync(role))
                {
                    ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
                }
            }
        }

        if (hasAdministrator)
        {
            return null;
        }

        var users = services.GetRequiredService<UserManager<AdminUser>>();
        var email = options.Value.AdminEmail;
        var configuredPassword = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : configuredPassword;
        var admin = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        ThrowIfFailed(await users.CreateAsync(admin, password), $"create the administrator {email}");
        ThrowIfFailed(await users.AddToRoleAsync(admin, AdminRoles.GlobalAdministrator), "grant Global Administrator");

        // Printed once by the host when it has started (FirstRunNotice), like Jenkins' initial admin password: it is
        // never stored in clear or shown again.
        return new FirstAdministrator(email, string.IsNullOrEmpty(configuredPassword) ? password : null);
    }

    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24);

    private static void ThrowIfFailed(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {action}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
