using AdminCenter.Core.AppProtection;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class WindowsManagedAppProtectionConfiguration : IEntityTypeConfiguration<WindowsManagedAppProtection>
{
    public void Configure(EntityTypeBuilder<WindowsManagedAppProtection> builder)
    {
        builder.ToTable("WindowsManagedAppProtections");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.DisplayName).HasMaxLength(256);
        builder.Property(p => p.NormalizedDisplayName).HasMaxLength(256);
        builder.HasIndex(p => p.NormalizedDisplayName).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(1024);
        builder.Property(p => p.LastModifiedBy).HasMaxLength(256);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsAssigned);
        builder.ComplexProperty(p => p.Settings, settings =>
        {
            settings.Property(s => s.AllowedInboundDataTransferSources).HasConversion<string>().HasMaxLength(32);
            settings.Property(s => s.AllowedOutboundDataTransferDestinations).HasConversion<string>().HasMaxLength(32);
            settings.Property(s => s.AllowedOutboundClipboardSharingLevel).HasConversion<string>().HasMaxLength(32);
            settings.Property(s => s.AppActionIfUnableToAuthenticateUser).HasConversion<string>().HasMaxLength(16);
            settings.Property(s => s.MaximumAllowedDeviceThreatLevel).HasConversion<string>().HasMaxLength(16);
            settings.Property(s => s.MobileThreatDefenseRemediationAction).HasConversion<string>().HasMaxLength(16);
        });
        builder.HasMany(p => p.Assignments).WithOne().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PolicyAssignmentConfiguration : IEntityTypeConfiguration<PolicyAssignment>
{
    public void Configure(EntityTypeBuilder<PolicyAssignment> builder)
    {
        builder.ToTable("PolicyAssignments");
        builder.HasKey(a => new { a.PolicyId, a.GroupId });
        builder.HasOne<DirectoryGroup>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.GroupId);
    }
}
