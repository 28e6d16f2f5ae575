using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.ConditionalAccess;

/// <summary>A row of Endpoint security > Conditional Access > Classic policies.</summary>
public sealed record ClassicPolicyView(string Id, string DisplayName, string PartnerName, string ConnectorId, DateTime CreatedUtc);

/// <summary>
/// Lists and deletes the classic Conditional Access policies of third-party connectors (spec 02). They are created
/// by the connector's first provisioning (<see cref="MobileThreatDefenseConnector.Apply"/>), never here.
/// </summary>
public sealed partial class ClassicPolicyService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<ClassicPolicyService> logger)
{
    public const string PolicyField = "id";

    public async Task<IReadOnlyList<ClassicPolicyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.ClassicConditionalAccessPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return policies
            .Select(p => new ClassicPolicyView(p.Id, p.DisplayName, p.Partner.Name, p.ConnectorId, p.CreatedDateTime))
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Deletes the policy through its connector, which then warns that it is gone.</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string policyId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(MtdConnectorService.ModifyPermission))
        {
            return ServiceResult<bool>.Forbidden(MtdConnectorService.ModifyPermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connector = await db.MobileThreatDefenseConnectors.Include(c => c.ClassicPolicy)
            .SingleOrDefaultAsync(c => c.ClassicPolicy != null && c.ClassicPolicy.Id == policyId, cancellationToken);
        if (connector is null || !connector.DeleteClassicPolicy())
        {
            return ServiceResult<bool>.NotFound(PolicyField, "This classic Conditional Access policy no longer exists.");
        }
        db.Record(new AuditEntry(AuditCategories.MobileThreatDefense, AuditActivityType.Delete, actor.AuditName, "ClassicConditionalAccessPolicy",
            ClassicConditionalAccessPolicy.NameFor(connector.Partner), policyId, []), timeProvider.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServiceResult<bool>.Conflict("version", "The connector of this policy was changed meanwhile; reload and try again.");
        }
        LogClassicPolicyDeleted(actor.AuditName, connector.Partner.Name);
        return ServiceResult<bool>.Success(true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted the classic Conditional Access policy of the {Partner} connector")]
    private partial void LogClassicPolicyDeleted(string actor, string partner);
}
