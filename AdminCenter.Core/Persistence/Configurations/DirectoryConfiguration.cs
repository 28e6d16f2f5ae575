using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class DirectoryUserConfiguration : IEntityTypeConfiguration<DirectoryUser>
{
    public void Configure(EntityTypeBuilder<DirectoryUser> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(64);
        builder.Property(u => u.UserPrincipalName).HasMaxLength(256);
        builder.Property(u => u.NormalizedUserPrincipalName).HasMaxLength(256);
        builder.HasIndex(u => u.NormalizedUserPrincipalName).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(256);
        // With the id it covers the status report's walk of the users by name (sorted by user): SQLite then prefers it to
        // the wider search index below, which it would read whole and sort (AppProtectionStatusQueries.ByUserOnSqliteAsync).
        builder.HasIndex(u => new { u.DisplayName, u.Id });
        // Covers text searches over users (UPN or display name contains ...): the scan reads this narrow index, not the rows.
        builder.HasIndex(u => new { u.NormalizedUserPrincipalName, u.DisplayName, u.Id }, "IX_Users_Search");
    }
}

internal sealed class DirectoryGroupConfiguration : IEntityTypeConfiguration<DirectoryGroup>
{
    public void Configure(EntityTypeBuilder<DirectoryGroup> builder)
    {
        builder.ToTable("Groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasMaxLength(64);
        builder.Property(g => g.DisplayName).HasMaxLength(256);
        builder.Property(g => g.NormalizedDisplayName).HasMaxLength(256);
        builder.HasIndex(g => g.NormalizedDisplayName).IsUnique();
        builder.Property(g => g.Description).HasMaxLength(1024);
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> builder)
    {
        builder.ToTable("GroupMembers");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        // Covering: evaluation reads a user's groups for every registration.
        builder.HasIndex(m => new { m.UserId, m.GroupId });
    }
}
