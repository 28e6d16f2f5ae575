using AdminCenter.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(JobRun.MaxNameLength);
        builder.Property(r => r.Instance).HasMaxLength(JobRun.MaxInstanceLength);
    }
}
