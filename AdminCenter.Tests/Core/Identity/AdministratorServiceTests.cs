using AdminCenter.Core.Identity;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Identity;

public sealed class AdministratorServiceTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _provider;
    private readonly AdministratorService _admins;
    private string _globalId = "";

    public AdministratorServiceTests()
    {
        _provider = AdministratorTestServices.Build(_database, _clock);
        _admins = _provider.GetRequiredService<AdministratorService>();
    }

    public async Task InitializeAsync() => _globalId = await AdministratorTestServices.SeedGlobalAdministratorAsync(_provider);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _provider.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task AddAsync_ValidInput_ReturnsOneTimePasswordThatMustBeChanged()
    {
        var result = await _admins.AddAsync(_globalId, new(" reader@contoso.com ", "Reader", [AdminRoles.ReadOnlyOperator]));

        Assert.True(result.Succeeded);
        var added = result.Value!;
        Assert.Equal(("reader@contoso.com", "Reader", AdministratorStatus.Enabled, true),
            (added.Administrator.Email, added.Administrator.DisplayName, added.Administrator.Status, added.Administrator.MustChangePassword));
        Assert.Equal([AdminRoles.ReadOnlyOperator], added.Administrator.Roles);
        Assert.True(added.Password.Length >= AdministratorRules.MinimumPasswordLength);
        Assert.Null(added.Administrator.LastSignIn);
    }

    [Fact]
    public async Task AddAsync_EmailTakenInOtherCase_RefusedAtEmail()
    {
        await _admins.AddAsync(_globalId, new("helpdesk@contoso.com", "Help desk", [AdminRoles.HelpDeskOperator]));

        var result = await _admins.AddAsync(_globalId, new("HelpDesk@Contoso.com", "Help desk 2", [AdminRoles.HelpDeskOperator]));

        Assert.False(result.Succeeded);
        Assert.Equal(AdministratorRules.EmailTakenMessage, result.MessageFor(AdministratorRules.EmailField));
    }

    [Fact]
    public async Task AddAsync_EmptyFields_MessagePerField()
    {
        var result = await _admins.AddAsync(_globalId, new("", " ", []));

        Assert.Equal(AdministratorRules.EmailRequiredMessage, result.MessageFor(AdministratorRules.EmailField));
        Assert.Equal(AdministratorRules.DisplayNameRequiredMessage, result.MessageFor(AdministratorRules.DisplayNameField));
        Assert.Equal(AdministratorRules.RolesRequiredMessage, result.MessageFor(AdministratorRules.RolesField));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("i\u017Fa@contoso.com")]
    [InlineData("two@@contoso.com")]
    public void CheckEmail_Malformed_InvalidMessage(string email)
    {
        var message = AdministratorRules.CheckEmail(email);

        Assert.Equal(AdministratorRules.EmailInvalidMessage, message);
    }

    [Fact]
    public async Task AddAsync_ActorWithoutIntuneRolesPermission_Refused()
    {
        var reader = await AddAsync("reader@contoso.com", AdminRoles.ReadOnlyOperator);

        var result = await _admins.AddAsync(reader, new("other@contoso.com", "Other", [AdminRoles.ReadOnlyOperator]));

        Assert.False(result.Succeeded);
        Assert.Contains("Intune roles/Assign", result.MessageFor(AdministratorService.ActorField), StringComparison.Ordinal);
        Assert.False(await _admins.CanManageAsync(reader));
        Assert.Single(await _admins.ListAsync(), a => a.Email == "reader@contoso.com");
    }

    [Fact]
    public async Task AddAsync_IntuneRoleAdministrator_Allowed()
    {
        var roleAdmin = await AddAsync("roles@contoso.com", AdminRoles.IntuneRoleAdministrator);

        var result = await _admins.AddAsync(roleAdmin, new("other@contoso.com", "Other", [AdminRoles.ReadOnlyOperator]));

        Assert.True(result.Succeeded);
        Assert.True(await _admins.CanManageAsync(roleAdmin));
    }

    [Fact]
    public async Task DisableAsync_LastEnabledGlobalAdministrator_RefusedWithMessage()
    {
        var roleAdmin = await AddAsync("roles@contoso.com", AdminRoles.IntuneRoleAdministrator);

        var result = await _admins.DisableAsync(roleAdmin, _globalId);

        Assert.Equal(AdministratorRules.LastGlobalAdministratorMessage, result.MessageFor(AdministratorRules.StatusField));
        Assert.Equal(AdministratorStatus.Enabled, (await RowAsync(_globalId)).Status);
    }

    [Fact]
    public async Task DisableAsync_AnotherEnabledGlobalAdministratorExists_Disables()
    {
        var second = await AddAsync("second@contoso.com", AdminRoles.GlobalAdministrator);

        var result = await _admins.DisableAsync(_globalId, second);

        Assert.Equal(AdministratorStatus.Disabled, result.Value!.Status);
        var again = await _admins.SetRolesAsync(second, second, [AdminRoles.ReadOnlyOperator]);
        Assert.False(again.Succeeded);
    }

    [Fact]
    public async Task DisableAsync_Self_Refused()
    {
        await AddAsync("second@contoso.com", AdminRoles.GlobalAdministrator);

        var result = await _admins.DisableAsync(_globalId, _globalId);

        Assert.Equal(AdministratorRules.SelfDisableMessage, result.MessageFor(AdministratorRules.StatusField));
    }

    [Fact]
    public async Task SetRolesAsync_LastGlobalAdministratorLosesRole_Refused()
    {
        var roleAdmin = await AddAsync("roles@contoso.com", AdminRoles.IntuneRoleAdministrator);

        var result = await _admins.SetRolesAsync(roleAdmin, _globalId, [AdminRoles.IntuneAdministrator]);

        Assert.Equal(AdministratorRules.LastGlobalAdministratorMessage, result.MessageFor(AdministratorRules.RolesField));
        Assert.Equal([AdminRoles.GlobalAdministrator], (await RowAsync(_globalId)).Roles);
    }

    [Fact]
    public async Task SetRolesAsync_DisabledOtherGlobalAdministrator_DoesNotCountAsEnabled()
    {
        var second = await AddAsync("second@contoso.com", AdminRoles.GlobalAdministrator);
        await _admins.DisableAsync(_globalId, second);
        var roleAdmin = await AddAsync("roles@contoso.com", AdminRoles.IntuneRoleAdministrator);

        var result = await _admins.SetRolesAsync(roleAdmin, _globalId, [AdminRoles.ReadOnlyOperator]);

        Assert.Equal(AdministratorRules.LastGlobalAdministratorMessage, result.MessageFor(AdministratorRules.RolesField));
    }

    [Fact]
    public async Task SetRolesAsync_RoleAdministratorAddsGlobalToSelf_RefusedAsSelfRaise()
    {
        var roleAdmin = await AddAsync("roles@contoso.com", AdminRoles.IntuneRoleAdministrator);

        var result = await _admins.SetRolesAsync(roleAdmin, roleAdmin, [AdminRoles.IntuneRoleAdministrator, AdminRoles.GlobalAdministrator]);

        Assert.Equal(AdministratorRules.SelfRaiseMessage, result.MessageFor(AdministratorRules.RolesField));
        Assert.Equal([AdminRoles.IntuneRoleAdministrator], (await RowAsync(roleAdmin)).Roles);
    }

    [Fact]
    public async Task SetRolesAsync_SelfLowersOrAddsNoNewPermission_Allowed()
    {
        var roleAdmin = await AddAsync("roles@contoso.com", AdminRoles.IntuneRoleAdministrator);

        var result = await _admins.SetRolesAsync(roleAdmin, roleAdmin, [AdminRoles.IntuneRoleAdministrator, AdminRoles.ReadOnlyOperator]);

        Assert.True(result.Succeeded);
        Assert.Equal([AdminRoles.IntuneRoleAdministrator, AdminRoles.ReadOnlyOperator], result.Value!.Roles);
    }

    [Theory]
    [InlineData(AdminRoles.ReadOnlyOperator, AdminRoles.HelpDeskOperator, true)]
    [InlineData(AdminRoles.HelpDeskOperator, AdminRoles.ReadOnlyOperator, false)]
    [InlineData(AdminRoles.IntuneAdministrator, AdminRoles.ApplicationManager, false)]
    [InlineData(AdminRoles.ApplicationManager, AdminRoles.EndpointSecurityManager, true)]
    public void CheckNotSelfRaise_NewRole_RefusedOnlyWhenItAddsAPermission(string current, string added, bool refused)
    {
        var message = AdministratorRules.CheckNotSelfRaise([current], [current, added]);

        Assert.Equal(refused, message is not null);
    }

    [Fact]
    public async Task ResetPasswordAsync_NewOneTimePassword_OldFailsNewMustBeChanged()
    {
        var added = (await _admins.AddAsync(_globalId, new("reader@contoso.com", "Reader", [AdminRoles.ReadOnlyOperator]))).Value!;
        var changed = await _admins.ChangePasswordAsync(added.Administrator.Id, added.Password, "a-long-new-password", "a-long-new-password");
        Assert.False(changed.Value!.MustChangePassword);

        var reset = await _admins.ResetPasswordAsync(_globalId, added.Administrator.Id);

        Assert.True(reset.Value!.Administrator.MustChangePassword);
        Assert.NotEqual(added.Password, reset.Value.Password);
        Assert.False(await CheckPasswordAsync(added.Administrator.Id, "a-long-new-password"));
        Assert.True(await CheckPasswordAsync(added.Administrator.Id, reset.Value.Password));
    }

    [Fact]
    public async Task ChangePasswordAsync_WrongCurrentShortNewMismatch_MessagesAtFields()
    {
        var added = (await _admins.AddAsync(_globalId, new("reader@contoso.com", "Reader", [AdminRoles.ReadOnlyOperator]))).Value!;
        var id = added.Administrator.Id;

        var wrongCurrent = await _admins.ChangePasswordAsync(id, "not-the-password", "a-long-new-password", "a-long-new-password");
        var tooShort = await _admins.ChangePasswordAsync(id, added.Password, "short", "short");
        var mismatch = await _admins.ChangePasswordAsync(id, added.Password, "a-long-new-password", "a-long-new-passwore");
        var same = await _admins.ChangePasswordAsync(id, added.Password, added.Password, added.Password);

        Assert.Equal(AdministratorRules.CurrentPasswordWrongMessage, wrongCurrent.MessageFor(AdministratorRules.CurrentPasswordField));
        Assert.Equal("Use at least 12 characters.", tooShort.MessageFor(AdministratorRules.PasswordField));
        Assert.Equal(AdministratorRules.ConfirmMismatchMessage, mismatch.MessageFor(AdministratorRules.ConfirmPasswordField));
        Assert.Equal(AdministratorRules.SamePasswordMessage, same.MessageFor(AdministratorRules.PasswordField));
        Assert.True((await RowAsync(id)).MustChangePassword);
    }

    [Fact]
    public async Task EnableAndUnlock_DisabledOrLocked_EnabledAgain()
    {
        var reader = await AddAsync("reader@contoso.com", AdminRoles.ReadOnlyOperator);
        await _admins.DisableAsync(_globalId, reader);
        var enabled = await _admins.EnableAsync(_globalId, reader);
        await using (var scope = _provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(reader))!, _clock.GetUtcNow().AddMinutes(15));
        }
        var locked = await RowAsync(reader);

        var unlocked = await _admins.UnlockAsync(_globalId, reader);

        Assert.Equal((AdministratorStatus.Enabled, AdministratorStatus.Locked, AdministratorStatus.Enabled),
            (enabled.Value!.Status, locked.Status, unlocked.Value!.Status));
    }

    [Fact]
    public async Task RecordSignInAsync_SignedIn_LastSignInShown()
    {
        await _admins.RecordSignInAsync(_globalId);
        _clock.Advance(TimeSpan.FromHours(1));

        await _admins.RecordSignInAsync(_globalId);

        Assert.Equal(_clock.GetUtcNow().UtcDateTime, (await RowAsync(_globalId)).LastSignIn);
    }

    private async Task<string> AddAsync(string email, string role) =>
        (await _admins.AddAsync(_globalId, new(email, email.Split('@')[0], [role]))).Value!.Administrator.Id;

    private async Task<AdministratorRow> RowAsync(string id) => (await _admins.ListAsync()).Single(a => a.Id == id);

    private async Task<bool> CheckPasswordAsync(string id, string password)
    {
        await using var scope = _provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(id))!, password);
    }
}

/// <summary>Identity on a test database, configured like the web app, with the administrator service on top.</summary>
internal static class AdministratorTestServices
{
    public static ServiceProvider Build(TestDatabase database, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton(clock);
        services.AddScoped(_ => database.CreateDbContext());
        services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<AdminCenterDbContext>>(database);
        services.AddSingleton<AdminCenter.Core.Roles.RoleCatalog>();
        services.AddSingleton<AdminCenter.Core.Roles.CustomRoleService>();
        services.AddIdentityCore<AdminUser>(options =>
            {
                options.Password.RequiredLength = AdministratorRules.MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AdminCenterDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<AdministratorService>();
        return services.BuildServiceProvider();
    }

    /// <summary>Creates the roles and the first Global Administrator as start-up does; returns its id.</summary>
    public static async Task<string> SeedGlobalAdministratorAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AdminRoles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var admin = new AdminUser { UserName = "admin@contoso.com", Email = "admin@contoso.com", DisplayName = "Administrator" };
        await users.CreateAsync(admin, "first-admin-password");
        await users.AddToRoleAsync(admin, AdminRoles.GlobalAdministrator);
        return admin.Id;
    }
}
