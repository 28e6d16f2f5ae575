using Microsoft.Extensions.Hosting;

namespace AdminCenter.Core.Demo;

/// <summary>
/// Seeds the demo tenant after the server has started listening, so seeding (a few seconds of writes and re-evaluation)
/// does not delay the first page (issue 17, cold start). <see cref="Completion"/> tells when the tenant is there: the
/// first-run notice waits for it so the password stays the last thing start-up prints, and tests that need the demo
/// data wait for it too. A failed seed stops the host, as it did when seeding ran before it started.
/// </summary>
public sealed class DemoSeedingAtStartup(DemoTenantSeeder seeder, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await HostStarted.WaitAsync(lifetime, stoppingToken);
            await seeder.SeedIfEmptyAsync(stoppingToken);
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
            throw;
        }
    }
}

/// <summary>Waits for <see cref="IHostApplicationLifetime.ApplicationStarted"/>: the server listens and start-up is over.</summary>
public static class HostStarted
{
    public static async Task WaitAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }
    }
}
