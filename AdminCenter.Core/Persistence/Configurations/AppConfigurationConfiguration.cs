using System.Text.Json;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class TargetedManagedAppConfigurationConfiguration : IEntityTypeConfiguration<TargetedManagedAppConfiguration>
{
    public void Configure(EntityTypeBuilder<TargetedManagedAppConfiguration> builder)
    {
        builder.ToTable("TargetedManagedAppConfigurations");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.DisplayName).HasMaxLength(256);
        builder.Property(p => p.NormalizedDisplayName).HasMaxLength(256);
        builder.HasIndex(p => p.NormalizedDisplayName).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(1024);
        builder.Property(p => p.LastModifiedBy).HasMaxLength(256);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsAssigned);
        builder.Property(p => p.EdgeSettings).HasJsonConversion();
        builder.Property(p => p.GeneralSettings).HasJsonConversion();
        builder.HasMany(p => p.Assignments).WithOne().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AppConfigurationAssignmentConfiguration : IEntityTypeConfiguration<AppConfigurationAssignment>
{
    public void Configure(EntityTypeBuilder<AppConfigurationAssignment> builder)
    {
        builder.ToTable("AppConfigurationAssignments");
        builder.HasKey(a => new { a.PolicyId, a.GroupId });
        builder.HasOne<DirectoryGroup>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.GroupId);
        builder.Property(a => a.FilterId).HasMaxLength(64);
        // As for app protection: a filter in use cannot be deleted (the service names the policies), nor in the database.
        builder.HasOne<AssignmentFilter>().WithMany().HasForeignKey(a => a.FilterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.FilterId);
    }
}

internal sealed class AppConfigurationDeliveryRecordConfiguration : IEntityTypeConfiguration<AppConfigurationDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<AppConfigurationDeliveryRecord> builder)
    {
        builder.ToTable("AppConfigurationDeliveries");
        builder.HasKey(r => r.RegistrationId);
        builder.HasOne<MamRegistration>().WithOne().HasForeignKey<AppConfigurationDeliveryRecord>(r => r.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.UserPrincipalName).HasMaxLength(256);
        builder.Property(r => r.AppId).HasMaxLength(128);
        builder.Property(r => r.AzureAdDeviceId).HasMaxLength(128);
        builder.Property(r => r.DeviceName).HasMaxLength(256);
        builder.Property(r => r.Policies).HasJsonConversion();
        builder.Property(r => r.Settings).HasJsonConversion();
        builder.Property(r => r.Conflicts).HasJsonConversion();
        builder.HasIndex(r => r.UserId);
    }
}

/// <summary>Lists of small records kept as one JSON text column: read and written whole, never queried inside.</summary>
internal static class JsonColumn
{
    // Not private: the compiled model (Persistence/CompiledModels) refers to it from generated code.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            text => JsonSerializer.Deserialize<List<T>>(text, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(value, Options), Options) ?? new List<T>()));
}
