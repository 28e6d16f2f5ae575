using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.TenantStatus;

/// <summary>The counts and the database kind Tenant status > Tenant details shows (spec 06).</summary>
public sealed record TenantDetails(
    string DatabaseKind,
    int Users,
    int Groups,
    int Policies,
    int Connectors,
    int Registrations);

/// <summary>Reads what Tenant administration > Tenant status shows; it changes nothing but stale connector statuses.</summary>
public sealed class TenantStatusService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    MtdConnectorService connectors,
    TimeProvider timeProvider)
{
    public async Task<TenantDetails> GetDetailsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new TenantDetails(
            DatabaseKind(db.Database.ProviderName),
            await db.DirectoryUsers.CountAsync(cancellationToken),
            await db.DirectoryGroups.CountAsync(cancellationToken),
            await db.WindowsManagedAppProtections.CountAsync(cancellationToken),
            await db.MobileThreatDefenseConnectors.CountAsync(cancellationToken),
            await db.MamRegistrations.CountAsync(cancellationToken));
    }

    /// <summary>Every connector's health (<see cref="ConnectorHealthRules.Rows"/>), least healthy first.</summary>
    public async Task<IReadOnlyList<ConnectorHealthRow>> GetConnectorStatusAsync(CancellationToken cancellationToken = default)
    {
        // Silence is judged when a connector is read (spec 02), so the list never shows a stale Available.
        await connectors.MarkSilentConnectorsUnresponsiveAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.MobileThreatDefenseConnectors.AsNoTracking()
            .Select(c => new { c.Id, c.PartnerState, c.LastHeartbeatDateTime, c.ActivatedDateTime })
            .ToListAsync(cancellationToken);
        var inputs = new List<ConnectorHealthInput>(rows.Count);
        foreach (var row in rows)
        {
            var partner = PartnerCatalog.Get(row.Id);
            var error = row.PartnerState == ConnectorPartnerState.Error ? await ErrorMessageAsync(db, partner, cancellationToken) : null;
            inputs.Add(new ConnectorHealthInput(partner, row.PartnerState, row.LastHeartbeatDateTime, row.ActivatedDateTime, error));
        }
        return ConnectorHealthRules.Rows(inputs, timeProvider.GetUtcNow().UtcDateTime);
    }

    /// <summary>"SQLite", "PostgreSQL", or the provider's own name for any other.</summary>
    public static string DatabaseKind(string? providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => "SQLite",
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "PostgreSQL",
        "Microsoft.EntityFrameworkCore.SqlServer" => "SQL Server",
        null or "" => "Unknown",
        _ => providerName,
    };

    private static async Task<string?> ErrorMessageAsync(AdminCenterDbContext db, MtdPartner partner, CancellationToken cancellationToken)
    {
        var cause = await db.ConnectorStatusChanges.AsNoTracking()
            .Where(s => s.ConnectorId == partner.ConnectorId && s.State == ConnectorPartnerState.Error)
            .OrderByDescending(s => s.ChangedDateTime).ThenByDescending(s => s.Id)
            .Select(s => s.Cause)
            .FirstOrDefaultAsync(cancellationToken);
        var prefix = ConnectorStatusMachine.ErrorCausePrefix(partner);
        return cause is not null && cause.StartsWith(prefix, StringComparison.Ordinal) ? cause[prefix.Length..] : null;
    }
}
