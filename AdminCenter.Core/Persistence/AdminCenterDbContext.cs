using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.Audit;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Preferences;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// The one database of AdminCenter: Identity, the domain and the Data Protection keys; this type on SQLite,
/// <see cref="PostgreSqlAdminCenterDbContext"/> on PostgreSQL. A model change needs a migration for each
/// (see <see cref="DesignTimeDbContextFactory"/>).
/// </summary>
public class AdminCenterDbContext : IdentityDbContext<AdminUser>, IDataProtectionKeyContext
{
    public AdminCenterDbContext(DbContextOptions<AdminCenterDbContext> options)
        : base(options)
    {
    }

    protected AdminCenterDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<MobileThreatDefenseConnector> MobileThreatDefenseConnectors => Set<MobileThreatDefenseConnector>();

    public DbSet<ConnectorStatusChange> ConnectorStatusChanges => Set<ConnectorStatusChange>();

    public DbSet<ClassicConditionalAccessPolicy> ClassicConditionalAccessPolicies => Set<ClassicConditionalAccessPolicy>();

    public DbSet<DirectoryUser> DirectoryUsers => Set<DirectoryUser>();

    public DbSet<DirectoryGroup> DirectoryGroups => Set<DirectoryGroup>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<WindowsManagedAppProtection> WindowsManagedAppProtections => Set<WindowsManagedAppProtection>();

    public DbSet<PolicyAssignment> PolicyAssignments => Set<PolicyAssignment>();

    public DbSet<AssignmentFilter> AssignmentFilters => Set<AssignmentFilter>();

    public DbSet<MamRegistration> MamRegistrations => Set<MamRegistration>();

    public DbSet<RegistrationOutcomeChange> RegistrationOutcomeChanges => Set<RegistrationOutcomeChange>();

    public DbSet<HealthReportRecord> HealthReports => Set<HealthReportRecord>();

    public DbSet<EvaluationReasonSet> EvaluationReasonSets => Set<EvaluationReasonSet>();

    public DbSet<WipeRequest> WipeRequests => Set<WipeRequest>();

    public DbSet<UserLevelWipe> UserLevelWipes => Set<UserLevelWipe>();

    public DbSet<ConditionalAccessPolicy> ConditionalAccessPolicies => Set<ConditionalAccessPolicy>();

    public DbSet<SignInLogEntry> SignInLogs => Set<SignInLogEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AdminPreference> AdminPreferences => Set<AdminPreference>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Roles.CustomRole> CustomRoles => Set<Roles.CustomRole>();

    public DbSet<TargetedManagedAppConfiguration> TargetedManagedAppConfigurations => Set<TargetedManagedAppConfiguration>();

    public DbSet<AppConfigurationAssignment> AppConfigurationAssignments => Set<AppConfigurationAssignment>();

    public DbSet<AppConfigurationDeliveryRecord> AppConfigurationDeliveries => Set<AppConfigurationDeliveryRecord>();

    public DbSet<DirectoryVersionRow> DirectoryVersion => Set<DirectoryVersionRow>();

    /// <summary>Shared by every instance, so a sign-in cookie from one works on all and survives restarts (spec 08).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite stores no DateTime kind: every time in AdminCenter is UTC, so read it back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AdminCenterDbContext).Assembly);
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));
