using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.Filters;

internal static class FiltersRegistration
{
    /// <summary>Registers the assignment filter services.</summary>
    public static IServiceCollection AddAssignmentFilters(this IServiceCollection services) =>
        services.AddSingleton<AssignmentFilterService>();
}
