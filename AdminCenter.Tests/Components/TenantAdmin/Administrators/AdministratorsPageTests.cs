using System.Security.Claims;
using AdminCenter.Components.Pages.TenantAdmin.Administrators;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Components.TenantAdmin.Administrators;

public sealed class AdministratorsPageTests : MudTestContext
{
    public AdministratorsPageTests()
    {
        Services.AddDataProtection();
        Services.AddScoped(_ => Database.CreateDbContext());
        Services.AddIdentityCore<AdminUser>(options =>
            {
                options.Password.RequiredLength = AdministratorRules.MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AdminCenterDbContext>()
            .AddDefaultTokenProviders();
        Services.AddSingleton<AdministratorService>();
    }

    private AdministratorService Administrators => Services.GetRequiredService<AdministratorService>();

    [Fact]
    public async Task AddPane_Empty_ShowsEachRuleAtItsFieldAndAddsNothing()
    {
        var globalId = await SeedAsync();
        var cut = Render<AddAdministratorPane>(parameters => parameters.Add(p => p.ActorId, globalId));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Add").Click();

        cut.WaitForAssertion(() => Assert.Contains(AdministratorRules.EmailRequiredMessage, cut.Markup, StringComparison.Ordinal));
        Assert.Contains(AdministratorRules.DisplayNameRequiredMessage, cut.Markup, StringComparison.Ordinal);
        Assert.Contains(AdministratorRules.RolesRequiredMessage, cut.Markup, StringComparison.Ordinal);
        Assert.Single(await Administrators.ListAsync());
    }

    [Fact]
    public async Task AddPane_EmailTaken_ShowsTheMessageAtTheEmailAndKeepsItThroughBlur()
    {
        var globalId = await SeedAsync();
        var popovers = RenderPopoverProvider();
        var cut = Render<AddAdministratorPane>(parameters => parameters.Add(p => p.ActorId, globalId));
        var inputs = cut.FindAll("input");
        inputs[0].Change("ADMIN@contoso.com");
        cut.FindAll("input")[1].Change("Second admin");
        cut.Find(".mud-select .mud-input-control").MouseDown();
        cut.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == AdminRoles.HelpDeskOperator).Click());

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Add").Click();
        cut.WaitForAssertion(() => Assert.Contains(AdministratorRules.EmailTakenMessage, cut.Markup, StringComparison.Ordinal));
        cut.FindAll("input")[0].Blur();

        cut.WaitForAssertion(() => Assert.Contains(AdministratorRules.EmailTakenMessage, cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".token-value"));
        Assert.Single(await Administrators.ListAsync());
    }

    [Fact]
    public async Task Page_ReadOnlyOperator_ListsAdministratorsWithoutActions()
    {
        var globalId = await SeedAsync();
        var reader = (await Administrators.AddAsync(globalId, new("reader@contoso.com", "Reader", [AdminRoles.ReadOnlyOperator]))).Value!;
        Authorization.SetAuthorized("reader@contoso.com");
        Authorization.SetRoles(AdminRoles.ReadOnlyOperator);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, reader.Administrator.Id));

        var cut = Render<AdministratorsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));
        Assert.Contains("You can view this list.", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Add administrator", StringComparison.Ordinal) || b.TextContent.Trim() == "Manage");
        Assert.Contains("Not recorded", cut.Find("tbody").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_GlobalAdministrator_ShowsAddAndManage()
    {
        var globalId = await SeedAsync();
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, globalId));

        var cut = Render<AdministratorsPage>();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Add administrator", StringComparison.Ordinal)));
        Assert.Single(cut.FindAll("button"), b => b.GetAttribute("aria-label") == "Manage Administrator");
    }

    private async Task<string> SeedAsync()
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AdminRoles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var admin = new AdminUser { UserName = "admin@contoso.com", Email = "admin@contoso.com", DisplayName = "Administrator" };
        Assert.True((await users.CreateAsync(admin, "first-admin-password")).Succeeded);
        await users.AddToRoleAsync(admin, AdminRoles.GlobalAdministrator);
        return admin.Id;
    }
}
