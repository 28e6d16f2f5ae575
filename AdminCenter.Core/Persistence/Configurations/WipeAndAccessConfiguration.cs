using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Wipe;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class WipeRequestConfiguration : IEntityTypeConfiguration<WipeRequest>
{
    public void Configure(EntityTypeBuilder<WipeRequest> builder)
    {
        builder.ToTable("WipeRequests");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(64);
        builder.Property(w => w.Origin);
        builder.Property(w => w.Status);
        builder.Property(w => w.Message).HasMaxLength(1024);
        // Requests outlive their registration (a wiped registration is removed), so no foreign key to it.
        builder.HasIndex(w => new { w.RegistrationId, w.Status });
        builder.HasIndex(w => new { w.Status, w.CompletedDateTime });
        builder.HasIndex(w => w.UserId);
    }
}

internal sealed class UserLevelWipeConfiguration : IEntityTypeConfiguration<UserLevelWipe>
{
    public void Configure(EntityTypeBuilder<UserLevelWipe> builder)
    {
        builder.ToTable("UserLevelWipes");
        builder.HasKey(w => w.UserId);
        builder.HasOne<UsersAndGroups.DirectoryUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConditionalAccessPolicyConfiguration : IEntityTypeConfiguration<ConditionalAccessPolicy>
{
    public void Configure(EntityTypeBuilder<ConditionalAccessPolicy> builder)
    {
        builder.ToTable("ConditionalAccessPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.State);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class SignInLogEntryConfiguration : IEntityTypeConfiguration<SignInLogEntry>
{
    public void Configure(EntityTypeBuilder<SignInLogEntry> builder)
    {
        builder.ToTable("SignInLogs");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.SignInDateTime);
        builder.HasIndex(s => new { s.UserPrincipalName, s.SignInDateTime });
    }
}
