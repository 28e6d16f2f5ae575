using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Mam;

/// <summary>
/// The one row of <c>ReevaluationRequests</c>: the durable request for a re-evaluation pass (spec 08). A save that changes
/// evaluation writes a new <see cref="RequestedStamp"/> in its own transaction; a pass records the stamp it read before it
/// started as <see cref="CompletedStamp"/> once it has ended. A pass is due while the two differ, on whichever instance
/// looks, so a request survives the instance that saved it. Stamps are random rather than counted, so writing one needs no
/// read: of two concurrent requests the later commit wins, and either way the stamp differs from every completed one.
/// </summary>
public sealed class ReevaluationRequestRow
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public Guid RequestedStamp { get; set; }

    public Guid CompletedStamp { get; set; }

    /// <summary>Whether a pass is due: a request was committed after the last completed pass read the stamp.</summary>
    public bool IsPending => RequestedStamp != CompletedStamp;

    /// <summary>The stamps as committed now.</summary>
    public static Task<ReevaluationRequestRow> ReadAsync(AdminCenterDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<ReevaluationRequestRow>().AsNoTracking().SingleAsync(r => r.Id == SingletonId, cancellationToken);
    }

    /// <summary>Records that a pass started after <paramref name="stamp"/> was requested has ended.</summary>
    public static Task CompleteAsync(AdminCenterDbContext db, Guid stamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<ReevaluationRequestRow>().Where(r => r.Id == SingletonId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CompletedStamp, stamp), cancellationToken);
    }

    /// <summary>Adds a new request to what <paramref name="context"/> is about to save, without reading the row.</summary>
    internal static void AddTo(DbContext context)
    {
        var row = context.Set<ReevaluationRequestRow>().Local.FirstOrDefault(r => r.Id == SingletonId);
        if (row is null)
        {
            row = new ReevaluationRequestRow { Id = SingletonId };
            context.Attach(row);
        }
        row.RequestedStamp = Guid.NewGuid();
        context.Entry(row).Property(r => r.RequestedStamp).IsModified = true;
    }
}

internal sealed class ReevaluationRequestConfiguration : IEntityTypeConfiguration<ReevaluationRequestRow>
{
    public void Configure(EntityTypeBuilder<ReevaluationRequestRow> builder)
    {
        builder.ToTable("ReevaluationRequests", table => table.HasCheckConstraint("CK_ReevaluationRequests_Singleton", $"\"Id\" = {ReevaluationRequestRow.SingletonId}"));
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Ignore(r => r.IsPending);
        builder.HasData(new ReevaluationRequestRow { Id = ReevaluationRequestRow.SingletonId, RequestedStamp = Guid.Empty, CompletedStamp = Guid.Empty });
    }
}
