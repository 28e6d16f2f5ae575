using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
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
            settings.Property(s => s.AllowedInboundDataTransferSources);
            settings.Property(s => s.AllowedOutboundDataTransferDestinations);
            settings.Property(s => s.AllowedOutboundClipboardSharingLevel);
            settings.Property(s => s.AppActionIfUnableToAuthenticateUser);
            settings.Property(s => s.MaximumAllowedDeviceThreatLevel);
            settings.Property(s => s.MobileThreatDefenseRemediationAction);
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
        builder.Property(a => a.FilterId).HasMaxLength(64);
        // Rows saved before filters existed read as Include, which without a filter means nothing.
        // A filter in use cannot be deleted (the service names the policies); the database keeps that promise too.
        builder.HasOne<AssignmentFilter>().WithMany().HasForeignKey(a => a.FilterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.FilterId);
    }
}

internal sealed class AssignmentFilterConfiguration : IEntityTypeConfiguration<AssignmentFilter>
{
    public void Configure(EntityTypeBuilder<AssignmentFilter> builder)
    {
        builder.ToTable("AssignmentFilters");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasMaxLength(64);
        builder.Property(f => f.DisplayName).HasMaxLength(AssignmentFilterValidator.MaxDisplayNameLength);
        builder.Property(f => f.NormalizedDisplayName).HasMaxLength(AssignmentFilterValidator.MaxDisplayNameLength);
        builder.HasIndex(f => f.NormalizedDisplayName).IsUnique();
        builder.Property(f => f.Description).HasMaxLength(AssignmentFilterValidator.MaxDescriptionLength);
        builder.Property(f => f.Rule).HasMaxLength(FilterRule.MaxLength);
        builder.Property(f => f.LastModifiedBy).HasMaxLength(256);
        builder.Property(f => f.Version).IsConcurrencyToken();
    }
}
