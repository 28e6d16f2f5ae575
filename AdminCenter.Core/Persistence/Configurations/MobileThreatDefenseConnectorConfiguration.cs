using AdminCenter.Core.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class MobileThreatDefenseConnectorConfiguration : IEntityTypeConfiguration<MobileThreatDefenseConnector>
{
    public void Configure(EntityTypeBuilder<MobileThreatDefenseConnector> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.PartnerState);
        builder.Property(c => c.LastModifiedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Partner);
        builder.ComplexProperty(c => c.Settings);
        builder.HasMany(c => c.StatusChanges)
            .WithOne()
            .HasForeignKey(s => s.ConnectorId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.StatusChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(c => c.ClassicPolicyState);
        // Deleting the connector deletes its classic policy (spec 02).
        builder.HasOne(c => c.ClassicPolicy)
            .WithOne()
            .HasForeignKey<ClassicConditionalAccessPolicy>(p => p.ConnectorId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClassicConditionalAccessPolicyConfiguration : IEntityTypeConfiguration<ClassicConditionalAccessPolicy>
{
    public void Configure(EntityTypeBuilder<ClassicConditionalAccessPolicy> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.ConnectorId).HasMaxLength(64);
        builder.Property(p => p.DisplayName).HasMaxLength(256);
        builder.Ignore(p => p.Partner);
    }
}

internal sealed class ConnectorStatusChangeConfiguration : IEntityTypeConfiguration<ConnectorStatusChange>
{
    public void Configure(EntityTypeBuilder<ConnectorStatusChange> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.PreviousState);
        builder.Property(s => s.State);
        builder.Property(s => s.Cause).HasMaxLength(1024);
        builder.HasIndex(s => new { s.ConnectorId, s.ChangedDateTime });
    }
}
