using AdminCenter.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace, beside AddAdminCenterCore, which composes it.
namespace AdminCenter.Core;

internal static class AuditRegistration
{
    /// <summary>Registers the audit log's queries and its one-year retention.</summary>
    internal static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditEventQueries>();
        services.AddOptions<AuditRetentionOptions>();
        services.AddHostedService<AuditRetention>();
        return services;
    }
}
