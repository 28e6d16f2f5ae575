using AdminCenter.Core.Wipe;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace, beside AddAdminCenterCore, which composes it without importing the Wipe namespace.
namespace AdminCenter.Core;

internal static class WipeRegistration
{
    /// <summary>Registers selective wipe (requests, the User-Level Wipe list) and the retention of completed requests.</summary>
    internal static IServiceCollection AddWipe(this IServiceCollection services)
    {
        services.AddSingleton<WipeService>();
        services.AddOptions<WipeRetentionOptions>();
        services.AddHostedService<WipeRequestRetention>();
        return services;
    }
}
