using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
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
public sealed partial class AdminBootstrapper(
    UserManager<AdminUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> options,
    ILogger<AdminBootstrapper> logger)
{
    public async Task EnsureBootstrapAdminAsync()
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
            return;
        }

        var email = options.Value.AdminEmail;
        var configuredPassword = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : configuredPassword;
        var admin = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        ThrowIfFailed(await users.CreateAsync(admin, password), $"create the administrator {email}");
        ThrowIfFailed(await users.AddToRoleAsync(admin, AdminRoles.GlobalAdministrator), "grant Global Administrator");

        if (string.IsNullOrEmpty(configuredPassword))
        {
            // Printed once, like Jenkins' initial admin password: it is never stored in clear or shown again.
            LogGeneratedPassword(email, password);
        }
        else
        {
            LogConfiguredAdmin(email);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Created the first administrator {Email} with the generated password: {Password} . It is shown only now. " +
        "To choose your own, stop the app, delete the database and start it again with Bootstrap__AdminPassword set.")]
    private partial void LogGeneratedPassword(string email, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator {Email} with the configured password")]
    private partial void LogConfiguredAdmin(string email);
}
