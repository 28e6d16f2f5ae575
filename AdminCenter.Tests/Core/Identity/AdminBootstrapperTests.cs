using AdminCenter.Core.Identity;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Identity;

/// <summary>
/// The bootstrap administrator's rule (issue 17): the configured password is hashed once, when the first start creates
/// the administrator; a restart hashes nothing, whether the setting is the same or changed.
/// </summary>
public sealed class AdminBootstrapperTests : IDisposable
{
    private const string FirstPassword = "first-configured-passphrase";
    private readonly TestDatabase _database = new();
    private readonly CountingPasswordHasher _hasher = new();
    private readonly BootstrapOptions _options = new() { AdminEmail = "owner@contoso.com", AdminPassword = FirstPassword };
    private readonly ServiceProvider _provider;

    public AdminBootstrapperTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddScoped(_ => _database.CreateDbContext());
        services.AddSingleton<IDbContextFactory<AdminCenter.Core.Persistence.AdminCenterDbContext>>(_database);
        services.AddSingleton(_database.Settings);
        services.AddIdentityCore<AdminUser>(options =>
            {
                // The app's rules: length, no composition.
                options.Password.RequiredLength = AdministratorRules.MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AdminCenter.Core.Persistence.AdminCenterDbContext>();
        services.AddSingleton<IPasswordHasher<AdminUser>>(_hasher);
        services.AddSingleton<IOptions<BootstrapOptions>>(Options.Create(_options));
        services.AddScoped<AdminBootstrapper>();
        _provider = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _provider.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task EnsureBootstrapAdminAsync_FirstStart_CreatesTheAdministratorWithTheConfiguredPasswordHashedOnce()
    {
        var created = await StartAsync();

        Assert.Equal(new FirstAdministrator("owner@contoso.com", null), created);
        Assert.Equal(1, _hasher.Hashes);
        Assert.True(await PasswordWorksAsync(FirstPassword));
        Assert.Equal(AdminRoles.All.Order(), (await RoleNamesAsync()).Order());
    }

    [Fact]
    public async Task EnsureBootstrapAdminAsync_RestartWithTheSamePassword_HashesAndVerifiesNothing()
    {
        await StartAsync();
        var (hashes, verifications) = (_hasher.Hashes, _hasher.Verifications);

        var created = await StartAsync();

        Assert.Null(created);
        Assert.Equal((hashes, verifications), (_hasher.Hashes, _hasher.Verifications));
    }

    [Fact]
    public async Task EnsureBootstrapAdminAsync_RestartWithAChangedPassword_KeepsTheFirstPasswordAndHashesNothing()
    {
        await StartAsync();
        var (hashes, verifications) = (_hasher.Hashes, _hasher.Verifications);
        _options.AdminPassword = "a-different-configured-passphrase";

        var created = await StartAsync();

        Assert.Null(created);
        Assert.Equal((hashes, verifications), (_hasher.Hashes, _hasher.Verifications));
        Assert.True(await PasswordWorksAsync(FirstPassword));
    }

    [Fact]
    public async Task EnsureBootstrapAdminAsync_RestartWithARoleMissing_CreatesOnlyThatRole()
    {
        await StartAsync();
        await using (var db = _database.CreateDbContext())
        {
            await db.Roles.Where(r => r.Name == AdminRoles.HelpDeskOperator).ExecuteDeleteAsync();
        }

        Assert.Null(await StartAsync());

        Assert.Equal(AdminRoles.All.Order(), (await RoleNamesAsync()).Order());
        Assert.Equal(1, _hasher.Hashes);
    }

    [Fact]
    public async Task EnsureBootstrapAdminAsync_FirstStart_StoresTheRowsUserManagerWouldStore()
    {
        await StartAsync();
        await using var scope = _provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var reference = new AdminUser { UserName = "Second@Contoso.com", Email = "Second@Contoso.com", EmailConfirmed = true, DisplayName = "Administrator" };
        Assert.True((await users.CreateAsync(reference, "second-configured-passphrase")).Succeeded);
        Assert.True((await users.AddToRoleAsync(reference, AdminRoles.GlobalAdministrator)).Succeeded);

        var admin = await users.FindByEmailAsync("OWNER@contoso.com");

        Assert.NotNull(admin);
        var db = scope.ServiceProvider.GetRequiredService<AdminCenter.Core.Persistence.AdminCenterDbContext>();
        // Every mapped column but the ones that differ per user: ids, stamps, the hash and the address itself.
        string[] perUser = ["Id", "ConcurrencyStamp", "SecurityStamp", "PasswordHash", "UserName", "NormalizedUserName", "Email", "NormalizedEmail"];
        foreach (var property in db.Model.FindEntityType(typeof(AdminUser))!.GetProperties().Where(p => !perUser.Contains(p.Name)))
        {
            Assert.Equal(property.PropertyInfo!.GetValue(reference), property.PropertyInfo.GetValue(admin));
        }
        Assert.Equal((users.NormalizeName("owner@contoso.com"), users.NormalizeEmail("owner@contoso.com")), (admin.NormalizedUserName, admin.NormalizedEmail));
        Assert.False(string.IsNullOrEmpty(await users.GetSecurityStampAsync(admin)));
        Assert.Equal([AdminRoles.GlobalAdministrator], await users.GetRolesAsync(admin));
        Assert.Equal(await users.GetRolesAsync(reference), await users.GetRolesAsync(admin));
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in AdminRoles.All)
        {
            var role = await roles.FindByNameAsync(name.ToLowerInvariant());
            Assert.Equal((name, roles.NormalizeKey(name)), (role?.Name, role?.NormalizedName));
        }
    }

    [Fact]
    public async Task EnsureBootstrapAdminAsync_GeneratedPassword_ReturnsThePasswordThatSignsIn()
    {
        _options.AdminPassword = null;

        var created = await StartAsync();

        Assert.NotNull(created?.GeneratedPassword);
        Assert.True(await PasswordWorksAsync(created.GeneratedPassword));
    }

    [Theory]
    [InlineData("owner@contoso.com", "too-short", "Use at least 12 characters.")]
    [InlineData("not-an-address", FirstPassword, AdministratorRules.EmailInvalidMessage)]
    [InlineData("o'brien@contoso.com", FirstPassword, AdministratorRules.EmailInvalidMessage)]
    public async Task EnsureBootstrapAdminAsync_SettingFailsACheck_StopsWithTheCheckAndCreatesNothing(string email, string password, string message)
    {
        (_options.AdminEmail, _options.AdminPassword) = (email, password);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(StartAsync);

        Assert.EndsWith(message, failure.Message);
        Assert.Contains("Bootstrap__AdminEmail", failure.Message);
        Assert.Empty(await RoleNamesAsync());
        await using var db = _database.CreateDbContext();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task EnsureBootstrapAdminAsync_TenantGainsAnAdministratorMeanwhile_CreatesNone()
    {
        await StartAsync();
        await using (var db = _database.CreateDbContext())
        {
            await db.Roles.Where(r => r.Name == AdminRoles.ReadOnlyOperator).ExecuteDeleteAsync();
            await db.Users.ExecuteDeleteAsync();
        }
        // Another instance creates its administrator after this one read the tenant as empty, while it hashes.
        _hasher.BeforeHash = () =>
        {
            using var db = _database.CreateDbContext();
            db.Users.Add(new AdminUser { UserName = "other@contoso.com", NormalizedUserName = "OTHER@CONTOSO.COM", DisplayName = "Other" });
            db.SaveChanges();
        };

        Assert.Null(await StartAsync());

        await using (var db = _database.CreateDbContext())
        {
            Assert.Equal(["other@contoso.com"], await db.Users.Select(u => u.UserName).ToListAsync());
        }
        Assert.Equal(AdminRoles.All.Order(), (await RoleNamesAsync()).Order());
    }

    private async Task<FirstAdministrator?> StartAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureBootstrapAdminAsync();
    }

    private async Task<bool> PasswordWorksAsync(string password)
    {
        await using var scope = _provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var admin = await users.FindByEmailAsync(_options.AdminEmail);
        return admin is not null && await users.CheckPasswordAsync(admin, password);
    }

    private async Task<List<string?>> RoleNamesAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Roles.Select(r => r.Name).ToListAsync();
    }

    /// <summary>Identity's own hasher, counting its calls.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<AdminUser>
    {
        private readonly PasswordHasher<AdminUser> _inner = new();

        public int Hashes { get; private set; }

        public int Verifications { get; private set; }

        /// <summary>Runs before the next hash, once.</summary>
        public Action? BeforeHash { get; set; }

        public string HashPassword(AdminUser user, string password)
        {
            var before = BeforeHash;
            BeforeHash = null;
            before?.Invoke();
            Hashes++;
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(AdminUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
