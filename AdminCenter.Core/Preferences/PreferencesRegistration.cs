using AdminCenter.Core.Preferences;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace, beside AddAdminCenterCore, which composes it without importing the Preferences namespace.
namespace AdminCenter.Core;

internal static class PreferencesRegistration
{
    /// <summary>Registers the per-admin preferences store.</summary>
    internal static IServiceCollection AddPreferences(this IServiceCollection services) =>
        services.AddSingleton<AdminPreferenceService>();
}
