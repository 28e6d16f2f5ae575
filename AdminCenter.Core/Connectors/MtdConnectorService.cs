using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.Connectors;

/// <summary>Adds, changes, deletes and tracks the status of Mobile Threat Defense connectors.</summary>
public sealed partial class MtdConnectorService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<MtdConnectorService> logger)
{
    /// <summary>Spec 06: every change to connectors and partner secrets needs Mobile Threat Defense/Modify.</summary>
    public static readonly Permission ModifyPermission = new(PermissionCategory.MobileThreatDefense, PermissionAction.Modify);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<MtdConnectorSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await MarkSilentConnectorsUnresponsiveAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connectors = await db.MobileThreatDefenseConnectors.AsNoTracking().ToListAsync(cancellationToken);
        var now = UtcNow;
        return connectors
            .Select(c => new MtdConnectorSummary(c.Id, c.Partner.Name, c.PartnerState, c.LastHeartbeatDateTime,
                ConnectorPartnerStateExtensions.SyncHealth(c.LastHeartbeatDateTime, now)))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<MtdConnectorDetails?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await MarkSilentConnectorsUnresponsiveAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connector = await db.MobileThreatDefenseConnectors.AsNoTracking()
            .Include(c => c.StatusChanges)
            .SingleOrDefaultAsync(c => c.Id == CanonicalId(id), cancellationToken);
        if (connector is null)
        {
            return null;
        }
        var others = await LoadExistingAsync(db, cancellationToken);
        return ToDetails(connector, UtcNow) with
        {
            EvaluationDataUse = AppProtectionPartnerRule.DescribeDataUse(connector.Partner, connector.Settings, others),
        };
    }

    /// <summary>Every connector with its settings in one query, ordered by partner name (the API's list); histories are left empty.</summary>
    public async Task<IReadOnlyList<MtdConnectorDetails>> ListDetailsAsync(CancellationToken cancellationToken = default)
    {
        await MarkSilentConnectorsUnresponsiveAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connectors = await db.MobileThreatDefenseConnectors.AsNoTracking().ToListAsync(cancellationToken);
        var now = UtcNow;
        return connectors.Select(c => ToDetails(c, now)).OrderBy(c => c.Partner.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Partners that have no connector yet: the choices of the Add Connector pane.</summary>
    public async Task<IReadOnlyList<MtdPartner>> ListPartnersWithoutConnectorAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.MobileThreatDefenseConnectors.Select(c => c.Id).ToListAsync(cancellationToken);
        return PartnerCatalog.All
            .Where(p => !taken.Contains(p.ConnectorId, StringComparer.OrdinalIgnoreCase))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<IReadOnlyDictionary<ConnectorPartnerState, int>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        var connectors = await ListAsync(cancellationToken);
        return connectors.GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Creates the partner's connector; <paramref name="settings"/> null means the partner's defaults.</summary>
    public async Task<ServiceResult<MtdConnectorDetails>> CreateAsync(
        string? partnerId, MtdConnectorSettings? settings, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(ModifyPermission))
        {
            return ServiceResult<MtdConnectorDetails>.Forbidden(ModifyPermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await LoadExistingAsync(db, cancellationToken);
        var effective = settings ?? (PartnerCatalog.TryFind(partnerId, out var known) ? MtdConnectorSettings.DefaultsFor(known) : new());
        var problems = ConnectorValidator.ValidateNew(partnerId, effective, existing);
        if (problems.Count > 0)
        {
            return ServiceResult<MtdConnectorDetails>.Invalid(problems);
        }

        var connector = MobileThreatDefenseConnector.Create(PartnerCatalog.Get(partnerId!), effective, UtcNow, actor.AuditName);
        db.MobileThreatDefenseConnectors.Add(connector);
        db.Record(Entry(AuditActivityType.Create, actor, connector, AuditTrail.Diff(null, effective)), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogConnectorAdded(actor.AuditName, connector.Partner.Name);
        return ServiceResult<MtdConnectorDetails>.Success(ToDetails(connector, UtcNow));
    }

    /// <summary>
    /// Replaces the connector's settings. With <paramref name="expectedVersion"/>, a connector changed since it was
    /// read is refused (optimistic concurrency) and nothing is saved.
    /// </summary>
    public async Task<ServiceResult<MtdConnectorDetails>> UpdateAsync(
        string id, MtdConnectorSettings settings, int? expectedVersion, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(ModifyPermission))
        {
            return ServiceResult<MtdConnectorDetails>.Forbidden(ModifyPermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connector = await db.MobileThreatDefenseConnectors.Include(c => c.StatusChanges)
            .SingleOrDefaultAsync(c => c.Id == CanonicalId(id), cancellationToken);
        if (connector is null)
        {
            return ServiceResult<MtdConnectorDetails>.NotFound(ConnectorValidator.PartnerField, "This connector no longer exists.");
        }
        if (expectedVersion is { } version && version != connector.Version)
        {
            return ServiceResult<MtdConnectorDetails>.Conflict("version",
                $"This connector was changed by {connector.LastModifiedBy} at {connector.LastModifiedDateTime:yyyy-MM-dd HH:mm} UTC; reload to see the changes.");
        }

        var others = (await LoadExistingAsync(db, cancellationToken)).Where(c => c.Partner != connector.Partner).ToList();
        var problems = ConnectorValidator.ValidateSettings(connector.Partner, settings, others);
        if (problems.Count > 0)
        {
            return ServiceResult<MtdConnectorDetails>.Invalid(problems);
        }

        var (previousSettings, previousState) = (connector.Settings, connector.PartnerState);
        connector.ChangeSettings(settings, UtcNow, actor.AuditName);
        db.Record(Entry(AuditActivityType.Update, actor, connector,
            [.. AuditTrail.Diff(previousSettings, settings), .. StateChange(previousState, connector.PartnerState)]), UtcNow);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return ChangedMeanwhile();
        }
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<MtdConnectorDetails>.Success(ToDetails(connector, UtcNow) with
        {
            EvaluationDataUse = AppProtectionPartnerRule.DescribeDataUse(connector.Partner, connector.Settings, others),
        });
    }

    public Task<ServiceResult<bool>> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken = default) =>
        DeleteAsync(id, expectedVersion: null, actor, cancellationToken);

    /// <summary>Deletes the connector; with <paramref name="expectedVersion"/>, one changed since it was read is kept (conflict).</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string id, int? expectedVersion, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(ModifyPermission))
        {
            return ServiceResult<bool>.Forbidden(ModifyPermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connector = await db.MobileThreatDefenseConnectors.Include(c => c.StatusChanges)
            .SingleOrDefaultAsync(c => c.Id == CanonicalId(id), cancellationToken);
        if (connector is null)
        {
            return ServiceResult<bool>.NotFound(ConnectorValidator.PartnerField, $"There is no Mobile Threat Defense connector with id '{id}'.");
        }
        if (expectedVersion is { } version && version != connector.Version)
        {
            return ServiceResult<bool>.Conflict("version",
                $"This connector was changed by {connector.LastModifiedBy} at {connector.LastModifiedDateTime:yyyy-MM-dd HH:mm} UTC; reload to see the changes.");
        }
        // The partner's current health states go with it; the reports' history stays (spec 04). Its classic
        // Conditional Access policy goes with it too (foreign key cascade, spec 02).
        await db.MamRegistrations.Where(r => r.ThreatConnectorId == connector.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.ThreatLevel, (AppProtection.DeviceThreatLevel?)null)
                .SetProperty(r => r.ThreatReportedDateTime, (DateTime?)null)
                .SetProperty(r => r.ThreatConnectorId, (string?)null), cancellationToken);
        db.MobileThreatDefenseConnectors.Remove(connector);
        db.Record(Entry(AuditActivityType.Delete, actor, connector, []), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogConnectorDeleted(actor.AuditName, connector.Partner.Name);
        return ServiceResult<bool>.Success(true);
    }

    /// <summary>
    /// Creates a new partner secret for the connector, replacing any earlier one; returns it in clear this once.
    /// Only its SHA-256 is stored, so it cannot be shown again.
    /// </summary>
    public async Task<ServiceResult<string>> RegeneratePartnerSecretAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(ModifyPermission))
        {
            return ServiceResult<string>.Forbidden(ModifyPermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connector = await db.MobileThreatDefenseConnectors.SingleOrDefaultAsync(c => c.Id == CanonicalId(id), cancellationToken);
        if (connector is null)
        {
            return ServiceResult<string>.NotFound(ConnectorValidator.PartnerField, "This connector no longer exists.");
        }
        var secret = PartnerSecrets.Generate();
        var hash = PartnerSecrets.Hash(secret);
        connector.SetPartnerSecretHash(hash, UtcNow);
        db.Record(Entry(AuditActivityType.Action, actor, connector, [new("partnerSecret", null, AuditTrail.SecretChanged)], "Regenerate partner secret"), UtcNow);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return ServiceResult<string>.Conflict("version", "This connector was changed by someone else meanwhile; try again.");
        }
        LogSecretRegenerated(actor.AuditName, connector.Partner.Name);
        return ServiceResult<string>.Success(secret);
    }

    /// <summary>Whether <paramref name="secret"/> is the connector's current partner secret (constant-time comparison).</summary>
    public async Task<bool> VerifyPartnerSecretAsync(string id, string secret, CancellationToken cancellationToken = default)
    {
        // Read every time, not kept in memory: a secret regenerated on another instance must take effect here at once
        // (spec 08), and the read is one row by its key.
        var key = CanonicalId(id);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = await db.MobileThreatDefenseConnectors.Where(c => c.Id == key)
            .Select(c => c.PartnerSecretHash).SingleOrDefaultAsync(cancellationToken);
        return hash is not null && PartnerSecrets.Matches(secret, hash);
    }

    /// <summary>
    /// The first MAM registration in the tenant or the first policy delivered to a user: moves Windows Security
    /// Center out of Unavailable (spec 02). Called by check-in and policy delivery.
    /// </summary>
    public Task RecordAppProtectionActivityAsync(string cause, CancellationToken cancellationToken = default) =>
        ApplyToAllAsync(new ConnectorEvent.AppProtectionActivity(cause), c => c.Partner.IsActivatedByAppProtection, cancellationToken);

    /// <summary>A partner heartbeat (or health report); refused for Unavailable connectors.</summary>
    public Task<ServiceResult<MtdConnectorDetails>> RecordHeartbeatAsync(string id, string? errorMessage, CancellationToken cancellationToken = default) =>
        RecordHeartbeatAsync(id, errorMessage, errorCode: null, cancellationToken);

    /// <summary>
    /// A partner heartbeat; an error one (<paramref name="errorMessage"/> set) moves the connector to Error with the
    /// partner's message and code. The message follows the free-text rules (<see cref="FieldRules.MessageMaxLength"/>).
    /// </summary>
    public Task<ServiceResult<MtdConnectorDetails>> RecordHeartbeatAsync(string id, string? errorMessage, int? errorCode, CancellationToken cancellationToken = default)
    {
        if (FieldRules.Check("message", errorMessage, FieldKind.Message) is { } problem)
        {
            return Task.FromResult(ServiceResult<MtdConnectorDetails>.Invalid([new("message", problem)]));
        }
        var cause = errorMessage is not null && errorCode is { } code ? $"{errorMessage} (error code {code})" : errorMessage;
        return ApplyAsync(id, new ConnectorEvent.Heartbeat(cause), cancellationToken);
    }

    public Task<ServiceResult<MtdConnectorDetails>> DeprovisionAsync(string id, CancellationToken cancellationToken = default) =>
        ApplyAsync(id, new ConnectorEvent.Deprovisioned(), cancellationToken);

    /// <summary>Marks connectors silent for longer than their threshold Unresponsive; returns how many changed.</summary>
    public Task<int> MarkSilentConnectorsUnresponsiveAsync(CancellationToken cancellationToken = default) =>
        ApplyToAllAsync(new ConnectorEvent.SilenceCheck(), c => c.PartnerState is not ConnectorPartnerState.Unavailable and not ConnectorPartnerState.NotSetUp, cancellationToken);

    private async Task<ServiceResult<MtdConnectorDetails>> ApplyAsync(string id, ConnectorEvent evt, CancellationToken cancellationToken)
    {
        // A partner's event must not be lost to an admin's concurrent edit: read again and re-apply.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var connector = await db.MobileThreatDefenseConnectors.Include(c => c.StatusChanges)
                .SingleOrDefaultAsync(c => c.Id == CanonicalId(id), cancellationToken);
            if (connector is null)
            {
                return ServiceResult<MtdConnectorDetails>.NotFound(ConnectorValidator.PartnerField, $"No connector with id '{id}'.");
            }
            var previousState = connector.PartnerState;
            var decision = connector.Apply(evt, UtcNow);
            if (decision.Refused)
            {
                return ServiceResult<MtdConnectorDetails>.Conflict("partnerState", decision.Cause);
            }
            // The partner's own heartbeat or deprovision; one that only moves the heartbeat time is not a change.
            RecordStatusChange(db, connector, previousState, Actor.Partner(connector.Partner.Name));
            if (await TrySaveAsync(db, cancellationToken))
            {
                return ServiceResult<MtdConnectorDetails>.Success(ToDetails(connector, UtcNow));
            }
            if (attempt == attempts)
            {
                return ChangedMeanwhile();
            }
        }
    }

    private async Task<int> ApplyToAllAsync(ConnectorEvent evt, Func<MobileThreatDefenseConnector, bool> appliesTo, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = (await db.MobileThreatDefenseConnectors.ToListAsync(cancellationToken)).Where(appliesTo).ToList();
        var now = UtcNow;
        var changed = 0;
        foreach (var connector in candidates)
        {
            var previousState = connector.PartnerState;
            var decision = connector.Apply(evt, now);
            RecordStatusChange(db, connector, previousState, Actor.System);
            if (decision.Changes)
            {
                changed++;
                LogStatusChanged(connector.Partner.Name, connector.PartnerState, decision.Cause);
            }
        }
        // A connector changed meanwhile is left for the next sweep or read; its newer state wins.
        if (!db.ChangeTracker.HasChanges())
        {
            return 0;
        }
        return await TrySaveAsync(db, cancellationToken) ? changed : 0;
    }

    private static async Task<bool> TrySaveAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        // Two first heartbeats at once both provision and both create the classic policy: the unique connector id
        // refuses the second, whose whole save rolls back; read again and the connector is already provisioned.
        catch (DbUpdateException ex) when (SqlDialect.IsUniqueViolation(ex.InnerException))
        {
            return false;
        }
    }

    private const string AuditTargetType = "MobileThreatDefenseConnector";

    private static AuditEntry Entry(
        AuditActivityType type, Actor actor, MobileThreatDefenseConnector connector, IReadOnlyList<AuditModifiedProperty> changes, string? verb = null) =>
        new(AuditCategories.MobileThreatDefense, type, actor.AuditName, AuditTargetType, connector.Partner.Name, connector.Id, changes, verb);

    private static IReadOnlyList<AuditModifiedProperty> StateChange(ConnectorPartnerState before, ConnectorPartnerState after) =>
        AuditTrail.Property("partnerState", before.ToGraphName(), after.ToGraphName());

    private void RecordStatusChange(AdminCenterDbContext db, MobileThreatDefenseConnector connector, ConnectorPartnerState previousState, Actor initiatedBy)
    {
        if (previousState != connector.PartnerState)
        {
            db.Record(Entry(AuditActivityType.Update, initiatedBy, connector, StateChange(previousState, connector.PartnerState)), UtcNow);
        }
    }

    private static ServiceResult<MtdConnectorDetails> ChangedMeanwhile() =>
        ServiceResult<MtdConnectorDetails>.Conflict("version", "This connector was changed by someone else meanwhile; reload to see the changes.");

    /// <summary>Ids are matched case-insensitively, as the catalogue does; the database holds the catalogue's spelling.</summary>
    private static string CanonicalId(string id) => PartnerCatalog.TryFind(id, out var partner) ? partner.ConnectorId : id;

    private static async Task<List<ExistingConnector>> LoadExistingAsync(AdminCenterDbContext db, CancellationToken cancellationToken) =>
        (await db.MobileThreatDefenseConnectors.AsNoTracking().ToListAsync(cancellationToken))
            .Select(c => new ExistingConnector(c.Partner, c.Settings))
            .ToList();

    private static MtdConnectorDetails ToDetails(MobileThreatDefenseConnector c, DateTime now) => new(
        c.Partner,
        c.PartnerState,
        c.StatusChangedDateTime,
        c.LastHeartbeatDateTime,
        ConnectorPartnerStateExtensions.SyncHealth(c.LastHeartbeatDateTime, now),
        c.Settings,
        c.CreatedDateTime,
        c.LastModifiedDateTime,
        c.LastModifiedBy,
        c.Version,
        c.StatusChanges.OrderBy(s => s.ChangedDateTime).ThenBy(s => s.Id)
            .Select(s => new ConnectorStatusChangeView(s.PreviousState, s.State, s.ChangedDateTime, s.Cause))
            .ToList(),
        c.PartnerSecretCreatedDateTime)
    {
        ClassicPolicyDeleted = c.ClassicPolicyState == ClassicPolicyState.Deleted,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} added the {Partner} connector")]
    private partial void LogConnectorAdded(string actor, string partner);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} generated a new partner secret for the {Partner} connector")]
    private partial void LogSecretRegenerated(string actor, string partner);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted the {Partner} connector")]
    private partial void LogConnectorDeleted(string actor, string partner);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Partner} connector is now {State}: {Cause}")]
    private partial void LogStatusChanged(string partner, ConnectorPartnerState state, string cause);
}
