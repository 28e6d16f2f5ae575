using AdminCenter.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(36);
        builder.Property(e => e.Activity).HasMaxLength(200);
        builder.Property(e => e.ActivityType);
        builder.Property(e => e.Category).HasMaxLength(64);
        builder.Property(e => e.InitiatedBy).HasMaxLength(300);
        builder.Property(e => e.TargetType).HasMaxLength(100);
        builder.Property(e => e.TargetDisplayName).HasMaxLength(300);
        builder.Property(e => e.TargetId).HasMaxLength(300);
        builder.Property(e => e.Result);
        builder.Property(e => e.CorrelationId).HasMaxLength(64);
        builder.Ignore(e => e.ModifiedProperties);
        // The list reads newest first within a date range; retention deletes by date.
        builder.HasIndex(e => e.ActivityDateTime);
    }
}
