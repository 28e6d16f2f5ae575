using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminCenter.E2E.Fixtures;

/// <summary>The real app on Kestrel, on a free loopback port, with its own fresh SQLite database in a temp folder.</summary>
public abstract class KestrelAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory;
    private LatencyProxy? _proxy;

    protected KestrelAppFixture(string name)
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), $"admincenter-{name}-{Guid.NewGuid():N}");
        UseKestrel(0);
    }

    /// <summary>Where browsers and test clients reach the app: through the latency proxy when one is configured.</summary>
    public Uri BaseAddress => _proxy?.Address ?? ClientOptions.BaseAddress;

    /// <summary>The fixture's own settings (bootstrap admin, API token, demo seeding, ...).</summary>
    protected abstract void ConfigureSettings(IWebHostBuilder builder);

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development keeps static web assets (MudBlazor, blazor.web.js) served from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:AdminCenter", $"Data Source={Path.Combine(_dataDirectory, "admincenter.db")}");
        ConfigureSettings(builder);
    }

    /// <summary>Start-up work the fixture's tests need that runs after the server listens (demo seeding); none by default.</summary>
    protected virtual Task WhenStartedAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        // Returns once the host has started, i.e. after start-up work such as migrations (demo seeding runs after it).
        StartServer();
        await WhenStartedAsync();
        if (LatencyProxy.ConfiguredDelay is { } delay)
        {
            _proxy = LatencyProxy.Start(ClientOptions.BaseAddress, delay);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
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
