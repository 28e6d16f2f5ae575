using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.WhatIf;

internal static class WhatIfRegistration
{
    /// <summary>Registers the what-if evaluations (read-only).</summary>
    public static IServiceCollection AddWhatIf(this IServiceCollection services) => services.AddSingleton<WhatIfService>();
}
