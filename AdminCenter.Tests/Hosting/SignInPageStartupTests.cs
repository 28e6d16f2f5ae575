using System.Net;
using System.Text.RegularExpressions;
using AdminCenter.Core.Identity;
using AdminCenter.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Hosting;

/// <summary>
/// The sign-in page's GET is the first request a restarted server answers (issue 17, cold start): showing the form must
/// not resolve Identity's managers, whose store creates a DbContext. Posting the form still uses them.
/// </summary>
public sealed partial class SignInPageStartupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SignInPage_Get_ResolvesNoIdentityManager_AndSigningInDoes()
    {
        var resolved = new ManagerCounter();
        using var app = api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            Count<UserManager<AdminUser>>(services, resolved);
            Count<SignInManager<AdminUser>>(services, resolved);
        }));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        // Any other path waits for start-up's bootstrap, which creates the administrator through UserManager.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var beforeGet = resolved.Count;

        var page = await client.GetAsync("/Account/Login");
        var byGet = resolved.Count - beforeGet;
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value,
            ["Input.Email"] = "admin@contoso.onmicrosoft.com",
            ["Input.Password"] = "Api-tests-admin-password",
        }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(0, byGet);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(resolved.Count - beforeGet >= 2, $"signing in resolved {resolved.Count - beforeGet} managers");
    }

    // Replaces the registration of T with one that counts each resolution and then builds T as before.
    private static void Count<T>(IServiceCollection services, ManagerCounter counter)
        where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Add(ServiceDescriptor.Describe(typeof(T), provider =>
        {
            Interlocked.Increment(ref counter.Count);
            return ActivatorUtilities.CreateInstance(provider, original.ImplementationType ?? typeof(T));
        }, original.Lifetime));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed class ManagerCounter
    {
        public int Count;
    }
}
