using AdminCenter.Core.Preferences;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class AdminPreferenceConfiguration : IEntityTypeConfiguration<AdminPreference>
{
    public void Configure(EntityTypeBuilder<AdminPreference> builder)
    {
        builder.ToTable("AdminPreferences");
        builder.HasKey(p => new { p.AdminId, p.Key });
        builder.Property(p => p.AdminId).HasMaxLength(AdminPreference.MaxAdminIdLength);
        builder.Property(p => p.Key).HasMaxLength(AdminPreference.MaxKeyLength);
        builder.Property(p => p.Value).HasMaxLength(AdminPreference.MaxValueLength);
    }
}
