using AdminCenter.Core.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// In the root namespace, beside AddAdminCenterCore, which composes it without importing the Demo namespace.
namespace AdminCenter.Core;

public static class DemoRegistration
{
    /// <summary>Registers the demo tenant seeder (spec 01); it runs only when asked, see <see cref="AddDemoSeedingAtStartup"/>.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddSingleton<DemoTenantSeeder>();

    /// <summary>
    /// Seeds an empty tenant while the host starts. Register it after the Core services: hosted services start in order,
    /// and the seeder's health reports need the ingestion's writer running. The host reports started only when seeding
    /// is done, so the first page an admin opens already shows the demo tenant.
    /// </summary>
    public static IServiceCollection AddDemoSeedingAtStartup(this IServiceCollection services) =>
        services.AddHostedService<DemoSeedingAtStartup>();

    private sealed class DemoSeedingAtStartup(DemoTenantSeeder seeder) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => seeder.SeedIfEmptyAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
