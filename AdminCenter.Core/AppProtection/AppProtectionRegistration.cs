using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.AppProtection;

internal static class AppProtectionRegistration
{
    /// <summary>Registers the app protection policy services.</summary>
    public static IServiceCollection AddAppProtection(this IServiceCollection services) =>
        services.AddSingleton<AppProtectionPolicyService>();
}
