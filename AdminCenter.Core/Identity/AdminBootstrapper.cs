using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using AdminCenter.Core.Persistence;
using Microsoft.AspNetCore.Identity;
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
/// <para>
/// Everything here runs on plain commands, without a <c>DbContext</c>: the first context of a process builds EF Core's
/// services and translates its first queries (about 450 ms of CPU through <c>RoleManager</c> and <c>UserManager</c>),
/// which on a first start ran beside the sign-in page's first answer (BENCHMARKS.md "Cold start", tenth step). The rows
/// are the ones Identity's stores write: Identity's normalizer, password hasher and lockout option fill them, the
/// administrator's email and password pass the Administrators page's rules (<see cref="AdministratorRules"/>) and
/// Identity's allowed user-name characters, and <c>AdminBootstrapperTests</c> compares the row with one written by
/// <c>UserManager</c>.
/// </para>
/// </remarks>
public sealed class AdminBootstrapper(
    DatabaseSettings database,
    IServiceProvider services,
    IOptions<BootstrapOptions> options)
{
    /// <summary>
    /// Creates the missing roles and, in an empty tenant, the first administrator, in one transaction. Returns that
    /// administrator (with the generated password, if any) so start-up can print it last, or null when the tenant already
    /// had one. On every later start this is two small reads; Identity's services (and the password hasher) are only
    /// resolved for work.
    /// </summary>
    public async Task<FirstAdministrator?> EnsureBootstrapAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var existingRoles = new List<string>();
        bool hasAdministrator;
        await using (var command = connection.CreateCommand())
        {
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
        if (missingRoles.Count == 0 && hasAdministrator)
        {
            return null;
        }

        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var (admin, password) = hasAdministrator ? (null, null) : NewAdministrator(normalizer);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var role in missingRoles)
        {
            await InsertRoleAsync(connection, transaction, new IdentityRole(role) { NormalizedName = normalizer.NormalizeName(role) }, cancellationToken);
        }
        var created = admin is not null
            && await InsertFirstAdministratorAsync(connection, transaction, admin, normalizer.NormalizeName(AdminRoles.GlobalAdministrator), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!created)
        {
            // Another instance created the first administrator meanwhile (PostgreSQL start-up holds a lock; stay safe).
            return null;
        }

        // Printed once by the host when it has started (FirstRunNotice), like Jenkins' initial admin password: it is
        // never stored in clear or shown again.
        return new FirstAdministrator(admin!.Email!, string.IsNullOrEmpty(options.Value.AdminPassword) ? password : null);
    }

    /// <summary>
    /// The administrator as <c>UserManager.CreateAsync</c> would store it: checked, normalized, hashed, stamped, lockout
    /// enabled per Identity's options. A setting that fails a check stops start-up with the check's message.
    /// </summary>
    private (AdminUser Admin, string Password) NewAdministrator(ILookupNormalizer normalizer)
    {
        var email = options.Value.AdminEmail?.Trim() ?? "";
        var configuredPassword = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : configuredPassword;
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var allowed = identity.User.AllowedUserNameCharacters;
        var problem = AdministratorRules.CheckEmail(email)
            ?? (string.IsNullOrEmpty(allowed) || email.All(allowed.Contains) ? null : AdministratorRules.EmailInvalidMessage)
            ?? AdministratorRules.CheckNewPassword(password);
        if (problem is not null)
        {
            throw new InvalidOperationException(
                $"Could not create the administrator {email} from Bootstrap__AdminEmail and Bootstrap__AdminPassword: {problem}");
        }
        var admin = new AdminUser
        {
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalizer.NormalizeEmail(email),
            EmailConfirmed = true,
            DisplayName = "Administrator",
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            LockoutEnabled = identity.Lockout.AllowedForNewUsers,
        };
        admin.PasswordHash = services.GetRequiredService<IPasswordHasher<AdminUser>>().HashPassword(admin, password);
        return (admin, password);
    }

    private static async Task InsertRoleAsync(DbConnection connection, DbTransaction transaction, IdentityRole role, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // The unique "RoleNameIndex" makes a role another instance created meanwhile a no-op.
        command.CommandText = """
            INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
            VALUES (@id, @name, @normalized, @stamp) ON CONFLICT DO NOTHING
            """;
        SqlDialect.AddParameter(command, "@id", DbType.String, role.Id);
        SqlDialect.AddParameter(command, "@name", DbType.String, role.Name);
        SqlDialect.AddParameter(command, "@normalized", DbType.String, role.NormalizedName);
        SqlDialect.AddParameter(command, "@stamp", DbType.String, role.ConcurrencyStamp);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts the administrator, a Global Administrator, unless the tenant has an administrator by now.</summary>
    private static async Task<bool> InsertFirstAdministratorAsync(
        DbConnection connection, DbTransaction transaction, AdminUser admin, string globalAdministrator, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed",
                "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount")
            SELECT @id, @displayName, @userName, @normalizedUserName, @email, @normalizedEmail,
                @emailConfirmed, @passwordHash, @securityStamp, @concurrencyStamp, NULL, @false,
                @false, NULL, @lockoutEnabled, 0
            WHERE NOT EXISTS (SELECT 1 FROM "AspNetUsers")
            """;
        SqlDialect.AddParameter(command, "@id", DbType.String, admin.Id);
        SqlDialect.AddParameter(command, "@displayName", DbType.String, admin.DisplayName);
        SqlDialect.AddParameter(command, "@userName", DbType.String, admin.UserName);
        SqlDialect.AddParameter(command, "@normalizedUserName", DbType.String, admin.NormalizedUserName);
        SqlDialect.AddParameter(command, "@email", DbType.String, admin.Email);
        SqlDialect.AddParameter(command, "@normalizedEmail", DbType.String, admin.NormalizedEmail);
        SqlDialect.AddParameter(command, "@emailConfirmed", DbType.Boolean, admin.EmailConfirmed);
        SqlDialect.AddParameter(command, "@passwordHash", DbType.String, admin.PasswordHash);
        SqlDialect.AddParameter(command, "@securityStamp", DbType.String, admin.SecurityStamp);
        SqlDialect.AddParameter(command, "@concurrencyStamp", DbType.String, admin.ConcurrencyStamp);
        SqlDialect.AddParameter(command, "@false", DbType.Boolean, false);
        SqlDialect.AddParameter(command, "@lockoutEnabled", DbType.Boolean, admin.LockoutEnabled);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        command.Parameters.Clear();
        command.CommandText = """
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT @id, "Id" FROM "AspNetRoles" WHERE "NormalizedName" = @role
            """;
        SqlDialect.AddParameter(command, "@id", DbType.String, admin.Id);
        SqlDialect.AddParameter(command, "@role", DbType.String, globalAdministrator);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24);
}
