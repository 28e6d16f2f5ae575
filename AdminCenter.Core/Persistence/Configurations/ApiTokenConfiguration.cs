using AdminCenter.Core.ApiTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(36);
        builder.Property(t => t.Name).HasMaxLength(ApiTokenRules.MaxNameLength);
        builder.Property(t => t.NormalizedName).HasMaxLength(ApiTokenRules.MaxNameLength);
        builder.HasIndex(t => t.NormalizedName).IsUnique();
        builder.Property(t => t.Role).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(ApiToken.PrefixLength);
        builder.HasIndex(t => t.Prefix);
        builder.Property(t => t.Salt).HasMaxLength(16);
        builder.Property(t => t.Hash).HasMaxLength(32);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.Property(t => t.RevokedBy).HasMaxLength(256);
    }
}
