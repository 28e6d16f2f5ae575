using Microsoft.AspNetCore.Hosting;

namespace AdminCenter.E2E.Fixtures;

/// <summary>The app every e2e test shares: a known bootstrap administrator and API token.</summary>
public class AdminCenterServerFixture() : KestrelAppFixture("e2e")
{
    public const string AdminEmail = "admin@contoso.onmicrosoft.com";
    public const string AdminPassword = "E2E-correct-horse-battery";
    public const string ApiToken = "e2e-bootstrap-api-token";

    protected sealed override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Bootstrap:ApiToken", ApiToken);
    }
}

/// <summary>The same app on a tenant of its own, for tests that need a state no other test has touched (no connectors yet).</summary>
public sealed class OwnTenantServerFixture : AdminCenterServerFixture;
