namespace AdminCenter.E2E.Fixtures;

/// <summary>One Chromium per run: Debian's, because browsers cannot be downloaded here.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        CpuBurner.EnsureStarted();
        // Web-first assertions wait on state; on a busy 2-core machine (or through the latency proxy) a render can take
        // longer than Playwright's 5 s default, so they wait as long as actions do.
        SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic",
            ],
        });
        Console.WriteLine($"e2e browser: Chromium {Browser.Version}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AdminCenterE2EGroup : ICollectionFixture<AdminCenterServerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "AdminCenter e2e";
}
