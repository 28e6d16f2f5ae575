using AdminCenter.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace, beside AddAdminCenterCore, which composes it without importing the Demo namespace.
namespace AdminCenter.Core;

public static class DemoRegistration
{
    /// <summary>Registers the demo tenant seeder (spec 01); it runs only when asked, see <see cref="AddDemoSeedingAtStartup"/>.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddSingleton<DemoTenantSeeder>();

    /// <summary>
    /// Seeds an empty tenant once the server listens (<see cref="DemoSeedingAtStartup"/>). Register it after the Core
    /// services: the seeder's health reports need the ingestion's writer running.
    /// </summary>
    public static IServiceCollection AddDemoSeedingAtStartup(this IServiceCollection services)
    {
        services.AddSingleton<DemoSeedingAtStartup>();
        return services.AddHostedService(provider => provider.GetRequiredService<DemoSeedingAtStartup>());
    }

    /// <summary>Completes when start-up seeding is done, at once when none was asked for.</summary>
    public static Task DemoSeedingCompletion(this IServiceProvider services) =>
        services.GetService<DemoSeedingAtStartup>()?.Completion ?? Task.CompletedTask;
}
