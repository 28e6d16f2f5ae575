using AdminCenter.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class ChangeStampConfiguration : IEntityTypeConfiguration<ChangeStamp>
{
    public void Configure(EntityTypeBuilder<ChangeStamp> builder)
    {
        builder.ToTable("ChangeStamps");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(ChangeStamp.MaxNameLength);
        // Writers update the row, so it must exist from the start.
        builder.HasData(new ChangeStamp(ChangeStamp.CustomRoles, Guid.Empty));
    }
}
