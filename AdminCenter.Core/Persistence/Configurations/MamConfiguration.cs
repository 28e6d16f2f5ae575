using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class MamRegistrationConfiguration : IEntityTypeConfiguration<MamRegistration>
{
    public void Configure(EntityTypeBuilder<MamRegistration> builder)
    {
        builder.ToTable("MamRegistrations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.UserPrincipalName).HasMaxLength(256);
        builder.Property(r => r.AppId).HasMaxLength(128);
        builder.Property(r => r.AzureAdDeviceId).HasMaxLength(128);
        builder.Property(r => r.ThreatConnectorId).HasMaxLength(64);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.UserId, r.AppId, r.AzureAdDeviceId }).IsUnique();
        builder.HasIndex(r => r.UserPrincipalName);
        // Filtered pages of the status report: filter and default sort (newest check-in first) from one index.
        builder.HasIndex(r => new { r.Outcome, r.LastCheckInDateTime });
        // No index on ThreatLevel: every health report rewrites it, which cost 8-15% of report throughput, while the
        // status report's threat-level filter scans 100,000 rows in 16 ms (measured, worst case: no row matches).
        builder.HasIndex(r => r.LastCheckInDateTime);
        builder.HasIndex(r => r.AzureAdDeviceId);
        // Covers the status report's text search (device name, UPN, user): counting the matches reads this narrow
        // index instead of every wide row. Check-ins leave these columns unchanged, so it costs nothing on the hot paths.
        builder.HasIndex(r => new { r.DeviceName, r.UserPrincipalName, r.UserId }, "IX_MamRegistrations_Search");
    }
}

internal sealed class RegistrationOutcomeChangeConfiguration : IEntityTypeConfiguration<RegistrationOutcomeChange>
{
    public void Configure(EntityTypeBuilder<RegistrationOutcomeChange> builder)
    {
        builder.ToTable("RegistrationOutcomeChanges");
        builder.HasKey(c => c.Id);
        // History outlives the registration (a signed-out user's past stays explainable), so no foreign key.
        builder.HasIndex(c => new { c.UserId, c.ChangedDateTime });
    }
}

internal sealed class HealthReportRecordConfiguration : IEntityTypeConfiguration<HealthReportRecord>
{
    public void Configure(EntityTypeBuilder<HealthReportRecord> builder)
    {
        builder.ToTable("HealthReports");
        builder.HasKey(r => r.Id);
        // Appended tens of thousands of times a second and read by nothing per device: no secondary index, so an insert
        // is an append at the end of the table instead of a random write into an index (a third of a first report's cost).
    }
}

internal sealed class EvaluationReasonSetConfiguration : IEntityTypeConfiguration<EvaluationReasonSet>
{
    public void Configure(EntityTypeBuilder<EvaluationReasonSet> builder)
    {
        builder.ToTable("EvaluationReasonSets");
        builder.HasKey(s => s.Fingerprint);
        builder.Property(s => s.Fingerprint).ValueGeneratedNever();
    }
}
