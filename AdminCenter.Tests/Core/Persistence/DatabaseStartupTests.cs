using AdminCenter.Core.Identity;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>
/// Start-up's database work runs while the server starts (issue 17, cold start): the host's other services wait for it,
/// and a failure stops the host as before.
/// </summary>
public sealed class DatabaseStartupTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource<FirstAdministrator?> _initialisation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RecordingService _registeredBefore = new();
    private readonly RecordingService _registeredAfter = new();
    private readonly RecordingJob _job = new();
    private readonly FakeTimeProvider _clock = new();
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(5);
    // The callback the initialisation is given, handed over once Begin has started it on a pool thread.
    private readonly TaskCompletionSource<Action> _schemaReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task StartHost_HostedServiceRegisteredBefore_StartsOnlyOnceTheDatabaseIsReady()
    {
        using var host = BuildHost();

        var starting = host.StartAsync();
        // A service registered after AddDatabaseStartup starts at once; the host starts services in order, so the
        // earlier one would have started by now had it not been held back.
        await _registeredAfter.Started.WaitAsync(Deadline);
        Assert.False(_registeredBefore.Started.IsCompleted);
        Assert.False(starting.IsCompleted);

        _initialisation.SetResult(null);
        await starting.WaitAsync(Deadline);

        Assert.True(_registeredBefore.Started.IsCompletedSuccessfully);
        Assert.True(host.Services.GetRequiredService<DatabaseStartup>().IsReady);
        await host.StopAsync();
        Assert.True(_registeredBefore.Stopped);
    }

    [Fact]
    public async Task StartHost_DatabaseCannotBeOpened_StopsQuietlyWithoutStartingTheOthers()
    {
        using var host = BuildHost();
        _initialisation.SetException(new DatabaseConfigurationException("Cannot open the SQLite database"));

        await host.StartAsync().WaitAsync(Deadline);

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.False(_registeredBefore.Started.IsCompleted);
        Assert.IsType<DatabaseConfigurationException>(host.Services.GetRequiredService<DatabaseStartup>().Completion.Exception?.InnerException);
        await host.StopAsync();
        Assert.False(_registeredBefore.Stopped);
    }

    [Fact]
    public async Task StartHost_InitialisationFailsOtherwise_TheStartFailsWithIt()
    {
        using var host = BuildHost();
        _initialisation.SetException(new InvalidOperationException("Could not create the administrator"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(Deadline));

        Assert.Equal("Could not create the administrator", failure.Message);
        Assert.False(_registeredBefore.Started.IsCompleted);
    }

    [Fact]
    public async Task WaitUntilReady_InitialisationFails_ReturnsFalse()
    {
        using var host = BuildHost();
        var startup = host.Services.GetRequiredService<DatabaseStartup>();
        startup.Begin();

        var waiting = startup.WaitUntilReadyAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _initialisation.SetException(new InvalidOperationException("failed"));

        Assert.False(await waiting.WaitAsync(Deadline));
        Assert.False(startup.IsReady);
    }

    [Fact]
    public async Task WaitUntilSchemaReady_MigrationsApplied_ReturnsTrueWhileTheBootstrapRuns()
    {
        using var host = BuildHost();
        var startup = host.Services.GetRequiredService<DatabaseStartup>();
        startup.Begin();
        var waiting = startup.WaitUntilSchemaReadyAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        (await _schemaReady.Task.WaitAsync(Deadline))();

        Assert.True(await waiting.WaitAsync(Deadline));
        Assert.True(startup.IsSchemaReady);
        Assert.False(startup.IsReady);
    }

    [Fact]
    public async Task WaitUntilSchemaReady_InitialisationFailsBeforeTheSchema_ReturnsFalse()
    {
        using var host = BuildHost();
        var startup = host.Services.GetRequiredService<DatabaseStartup>();
        startup.Begin();

        var waiting = startup.WaitUntilSchemaReadyAsync(CancellationToken.None);
        _initialisation.SetException(new InvalidOperationException("failed"));

        Assert.False(await waiting.WaitAsync(Deadline));
        Assert.False(startup.IsSchemaReady);
    }

    [Fact]
    public async Task IsSchemaReady_InitialisationEndsWithoutSayingSo_IsTrueWithReady()
    {
        using var host = BuildHost();
        var startup = host.Services.GetRequiredService<DatabaseStartup>();
        startup.Begin();

        _initialisation.SetResult(null);

        Assert.True(await startup.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(Deadline));
        Assert.True(startup.IsSchemaReady);
    }

    [Fact]
    public async Task StartHost_BackgroundJob_StartsOnlyTheStartDelayAfterTheDatabaseIsReady()
    {
        using var host = BuildHost();
        _initialisation.SetResult(null);

        await host.StartAsync().WaitAsync(Deadline);
        Assert.True(_registeredBefore.Started.IsCompletedSuccessfully);
        _clock.Advance(StartDelay - TimeSpan.FromSeconds(1));
        Assert.False(_job.Started.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _job.Started.WaitAsync(Deadline);
        await host.StopAsync();
        Assert.True(_job.Stopped);
    }

    [Fact]
    public async Task StopHost_BeforeTheJobsStartDelay_TheJobNeverStarts()
    {
        using var host = BuildHost();
        _initialisation.SetResult(null);
        await host.StartAsync().WaitAsync(Deadline);

        await host.StopAsync().WaitAsync(Deadline);
        _clock.Advance(StartDelay);

        Assert.False(_job.Started.IsCompleted);
        Assert.False(_job.Stopped);
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddOptions<BackgroundJobsOptions>().Configure(options => options.StartDelay = StartDelay);
        builder.Services.AddSingleton<IHostedService>(_registeredBefore);
        builder.Services.AddSingleton<IHostedService>(_job);
        builder.Services.AddDatabaseStartup();
        builder.Services.AddSingleton<IHostedService>(_registeredAfter);
        // The real work needs a database; here the test decides when it ends and how.
        builder.Services.AddSingleton(provider => new DatabaseStartup(
            (schemaReady, _) =>
            {
                _schemaReady.TrySetResult(schemaReady);
                return _initialisation.Task;
            }, provider.GetRequiredService<IHostApplicationLifetime>()));
        return builder.Build();
    }

    private sealed class RecordingJob : RecordingService, IBackgroundJob;

    private class RecordingService : IHostedService
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }
}
