using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.ConditionalAccess;

internal static class ConditionalAccessRegistration
{
    /// <summary>Registers the Conditional Access policy, sign-in evaluation and sign-in log service.</summary>
    public static IServiceCollection AddConditionalAccess(this IServiceCollection services) =>
        services.AddSingleton<ConditionalAccessService>().AddSingleton<ClassicPolicyService>();
}
