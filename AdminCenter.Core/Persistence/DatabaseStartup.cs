using AdminCenter.Core.Identity;
using AdminCenter.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// Start-up's database work (migrations, the bootstrap administrator and token) runs while the server starts listening,
/// not before it (issue 17, cold start): it begins when the host starts and is awaited before the host reports itself
/// started, so <see cref="IHostApplicationLifetime.ApplicationStarted"/> still means "the database is ready". Requests
/// that come sooner wait for <see cref="WaitUntilReadyAsync"/> (the web layer's gate), and every other hosted service
/// starts only after it (<see cref="DatabaseStartupRegistration.AddDatabaseStartup"/>).
/// </summary>
public sealed class DatabaseStartup : IHostedLifecycleService
{
    private readonly TaskCompletionSource<FirstAdministrator?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _schema = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<Action, CancellationToken, Task<FirstAdministrator?>> _initialise;
    private readonly IHostApplicationLifetime _lifetime;
    private int _begun;

    public DatabaseStartup(IServiceProvider services, IHostApplicationLifetime lifetime)
        : this(services.InitialiseAdminCenterDatabaseAsync, lifetime)
    {
    }

    /// <summary>
    /// For tests: <paramref name="initialise"/> stands for the migrations and the bootstrap, and calls the action it is
    /// given once the migrations are applied.
    /// </summary>
    internal DatabaseStartup(Func<Action, CancellationToken, Task<FirstAdministrator?>> initialise, IHostApplicationLifetime lifetime)
    {
        _initialise = initialise;
        _lifetime = lifetime;
    }

    public bool IsReady => _completion.Task.IsCompletedSuccessfully;

    /// <summary>
    /// True once the migrations are applied, while the bootstrap may still run: enough for a request that reads only what
    /// every database has, such as Data Protection's keys.
    /// </summary>
    public bool IsSchemaReady => _schema.Task.IsCompletedSuccessfully;

    /// <summary>The administrator the first start created (for <see cref="FirstRunNotice"/>), null when there was one; faults when start-up failed.</summary>
    public Task<FirstAdministrator?> Completion => _completion.Task;

    /// <summary>True once the database is ready; false when its start-up failed (the host then stops).</summary>
    public Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken) => SucceedsAsync(_completion.Task, cancellationToken);

    /// <summary>True once the migrations are applied (<see cref="IsSchemaReady"/>); false when start-up failed before.</summary>
    public Task<bool> WaitUntilSchemaReadyAsync(CancellationToken cancellationToken) => SucceedsAsync(_schema.Task, cancellationToken);

    // A cancelled wait still throws: only the start-up's own failure is an answer.
    private static async Task<bool> SucceedsAsync(Task milestone, CancellationToken cancellationToken)
    {
        try
        {
            await milestone.WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception) when (milestone.IsFaulted || milestone.IsCanceled)
        {
            return false;
        }
    }

    /// <summary>
    /// Begins the work on a pool thread, once: the host goes on building the pipeline and starting Kestrel meanwhile, on
    /// the other core. Start-up calls it as soon as the app is built; the host's start calls it otherwise.
    /// </summary>
    /// <remarks>
    /// A third thread once translated a query beside the migrations check, to build EF Core's query pipeline early. Since
    /// the sign-in page waits only for the schema and creates no context, that only took a core from the host's start:
    /// without it a restart answered 45-75 ms sooner (BENCHMARKS.md, "Cold start", eighth step).
    /// </remarks>
    public void Begin()
    {
        if (Interlocked.Exchange(ref _begun, 1) == 0)
        {
            _ = Task.Run(InitialiseAsync, CancellationToken.None);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Begin();
        return Task.CompletedTask;
    }

    private async Task InitialiseAsync()
    {
        try
        {
            var created = await _initialise(() => _schema.TrySetResult(), _lifetime.ApplicationStopping);
            _schema.TrySetResult();
            _completion.TrySetResult(created);
        }
        catch (Exception e)
        {
            _schema.TrySetException(e);
            _completion.TrySetException(e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// After the server's start. An unreachable database stops the host quietly: start-up then reports it in one line
    /// (<see cref="DatabaseConfigurationException"/>; usually the probe before the host starts has already caught it). Any
    /// other failure fails the host's start with its stack trace, as it did when this ran before the server started.
    /// </summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _completion.Task.WaitAsync(cancellationToken);
        }
        catch (DatabaseConfigurationException)
        {
            _lifetime.StopApplication();
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Starts a hosted service once <see cref="DatabaseStartup"/> is done instead of while the server starts; a background
/// job (<see cref="IBackgroundJob"/>) a further <paramref name="jobStartDelay"/> later, on <paramref name="timeProvider"/>.
/// It disposes the service when it made it (<paramref name="ownsInner"/>), as the container did for a service registered
/// by type.
/// </summary>
internal sealed class AfterDatabaseStartup(
    IHostedService inner, bool ownsInner, DatabaseStartup startup, TimeSpan jobStartDelay, TimeProvider timeProvider)
    : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _delayedStart = Task.CompletedTask;
    private bool _started;

    internal IHostedService Inner => inner;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!await startup.WaitUntilReadyAsync(cancellationToken))
        {
            return;
        }
        if (inner is IBackgroundJob && jobStartDelay > TimeSpan.Zero)
        {
            _delayedStart = StartAfterDelayAsync();
            return;
        }
        await inner.StartAsync(cancellationToken);
        _started = true;
    }

    private async Task StartAfterDelayAsync()
    {
        try
        {
            await Task.Delay(jobStartDelay, timeProvider, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await inner.StartAsync(_stopping.Token);
        _started = true;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // A job still waiting for its start never starts; one starting now finishes starting, then stops as usual.
        await _stopping.CancelAsync();
        await _delayedStart;
        if (_started && inner is IHostedLifecycleService lifecycle)
        {
            await lifecycle.StoppingAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _started ? inner.StopAsync(cancellationToken) : Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) =>
        _started && inner is IHostedLifecycleService lifecycle ? lifecycle.StoppedAsync(cancellationToken) : Task.CompletedTask;

    public void Dispose()
    {
        _stopping.Dispose();
        if (ownsInner && inner is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}

public static class DatabaseStartupRegistration
{
    /// <summary>
    /// Registers <see cref="DatabaseStartup"/> and makes every hosted service registered so far (the background jobs, Data
    /// Protection's key-ring preload, demo seeding) start after it, so none reads a database that is still migrating; the
    /// background jobs <see cref="BackgroundJobsOptions.StartDelay"/> later still.
    /// Call it after every other registration; the web host's own service (Kestrel) is added later by the host, so the
    /// server still starts at once.
    /// </summary>
    public static IServiceCollection AddDatabaseStartup(this IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IHostedService) && !descriptor.IsKeyedService)
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(provider => new AfterDatabaseStartup(
                    Create(provider, descriptor), ownsInner: descriptor.ImplementationType is not null, provider.GetRequiredService<DatabaseStartup>(),
                    provider.GetService<IOptions<BackgroundJobsOptions>>()?.Value.StartDelay ?? TimeSpan.Zero,
                    provider.GetService<TimeProvider>() ?? TimeProvider.System));
            }
        }
        services.AddSingleton<DatabaseStartup>();
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(provider => provider.GetRequiredService<DatabaseStartup>()));
        return services;
    }

    private static IHostedService Create(IServiceProvider provider, ServiceDescriptor descriptor) => (IHostedService)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
