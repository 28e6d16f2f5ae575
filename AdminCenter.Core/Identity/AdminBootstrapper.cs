using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
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
public sealed class AdminBootstrapper(
    UserManager<AdminUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> options)
{
    /// <summary>
    /// Creates the roles and, in an empty tenant, the first administrator. Returns that administrator (with the
    /// generated password, if any) so start-up can print it last, or null when the tenant already had one.
    /// </summary>
    public async Task<FirstAdministrator?> EnsureBootstrapAdminAsync()
    {
        foreach (var role in AdminRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (users.Users.Any())
        {
            return null;
        }

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
