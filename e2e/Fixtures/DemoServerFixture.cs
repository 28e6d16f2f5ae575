using AdminCenter.Core;
using AdminCenter.Core.Demo;
using Microsoft.AspNetCore.Hosting;

namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// A second real app on Kestrel, started with <c>Demo:Seed=true</c> on its own fresh database: the demo tenant. The
/// shared server cannot show it, because its tenant is not empty once other tests have run.
/// </summary>
public sealed class DemoServerFixture() : KestrelAppFixture("e2e-demo")
{
    public const string AdminEmail = AdminCenterServerFixture.AdminEmail;
    public const string AdminPassword = "E2E-demo-tenant-horse-battery";

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting(DemoConfiguration.SeedKey, "true");
    }

    // The demo tenant is seeded once the server listens: its tests need it all there.
    protected override Task WhenStartedAsync() => Services.DemoSeedingCompletion();
}

[CollectionDefinition(Name)]
public sealed class DemoTenantE2EGroup : ICollectionFixture<DemoServerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "AdminCenter demo tenant e2e";
}
