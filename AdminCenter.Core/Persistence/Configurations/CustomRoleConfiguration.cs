using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class CustomRoleConfiguration : IEntityTypeConfiguration<CustomRole>
{
    public void Configure(EntityTypeBuilder<CustomRole> builder)
    {
        builder.ToTable("CustomRoles");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(36);
        builder.Property(r => r.Name).HasMaxLength(CustomRoleRules.MaxNameLength);
        builder.Property(r => r.NormalizedName).HasMaxLength(CustomRoleRules.MaxNameLength);
        builder.HasIndex(r => r.NormalizedName).IsUnique();
        builder.Property(r => r.Description).HasMaxLength(CustomRoleRules.MaxDescriptionLength);
        builder.Property(r => r.PermissionsText).HasMaxLength(2048);
        builder.Ignore(r => r.Granted);
    }
}
