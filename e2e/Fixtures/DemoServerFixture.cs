using AdminCenter.Core.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// A second real app on Kestrel, started with <c>Demo:Seed=true</c> on its own fresh database: the demo tenant. The
/// shared server cannot show it, because its tenant is not empty once other tests have run.
/// </summary>
public sealed class DemoServerFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = AdminCenterServerFixture.AdminEmail;
    public const string AdminPassword = "E2E-demo-tenant-horse-battery";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "admincenter-e2e-demo-" + Guid.NewGuid().ToString("N"));

    public DemoServerFixture()
    {
        UseKestrel(0);
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development keeps static web assets (MudBlazor, blazor.web.js) served from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:AdminCenter", $"Data Source={Path.Combine(_dataDirectory, "admincenter.db")}");
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting(DemoConfiguration.SeedKey, "true");
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        // Returns once the host has started, which is after the demo tenant is seeded.
        StartServer();
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on shutdown; the OS temp cleaner gets it later.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoTenantE2EGroup : ICollectionFixture<DemoServerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "AdminCenter demo tenant e2e";
}
