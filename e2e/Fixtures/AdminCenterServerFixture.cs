using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminCenter.E2E.Fixtures;

/// <summary>The real app on Kestrel, on a free loopback port, with its own fresh SQLite database.</summary>
public sealed class AdminCenterServerFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@contoso.onmicrosoft.com";
    public const string AdminPassword = "E2E-correct-horse-battery";
    public const string ApiToken = "e2e-bootstrap-api-token";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "admincenter-e2e-" + Guid.NewGuid().ToString("N"));

    public AdminCenterServerFixture()
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
        builder.UseSetting("Bootstrap:ApiToken", ApiToken);
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
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
