using System.Net;
using System.Net.Http.Headers;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

public sealed class ApiTokensTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task ApiToken_CreateCopyCallRevoke_WorksUntilRevoked() => RunAsync(async page =>
    {
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var name = $"CI pipeline {Guid.NewGuid():N}"[..20];
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var tokens = new ApiTokensPage(page);
        await tokens.OpenThroughNavigationAsync();
        await Expect(tokens.Row("Bootstrap")).ToContainTextAsync("Global Administrator");

        var value = await tokens.CreateAndCopyAsync(name, "Managed app client", "30 days");
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", value);
        var accepted = await http.PostAsync("mam/v1/notAnEndpoint", null);
        await tokens.ReloadAsync();
        await Expect(tokens.Row(name)).Not.ToContainTextAsync("Never");
        await tokens.RevokeAsync(name);
        var refused = await http.PostAsync("mam/v1/notAnEndpoint", null);

        Assert.Equal(HttpStatusCode.NotFound, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await Expect(tokens.Row(name)).ToContainTextAsync("Managed app client");
    });

    [Fact]
    public Task CreateToken_NoName_ShowsTheMessageAtTheField() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var tokens = new ApiTokensPage(page);
        await tokens.OpenThroughNavigationAsync();

        await tokens.SubmitEmptyCreateAsync();

        await Expect(tokens.NameProblem).ToBeVisibleAsync();
    });
}
