using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.AppConfiguration;

internal static class AppConfigurationRegistration
{
    /// <summary>Registers the app configuration policy service and its status report.</summary>
    public static IServiceCollection AddAppConfiguration(this IServiceCollection services) =>
        services.AddSingleton<AppConfigurationPolicyService>().AddSingleton<AppConfigurationStatusQueries>();
}
