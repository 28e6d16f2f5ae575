using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminCenter.Core.Mam;

/// <summary>
/// This instance's wake-ups for the re-evaluation worker. Requests coalesce: a burst of admin changes costs one pass. The
/// durable request is the database's <see cref="ReevaluationRequestRow"/>; a wake-up only makes this instance look now
/// rather than at its next periodic check.
/// </summary>
public sealed class ReevaluationRequests
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private int _completedPasses;
    private int _forced;

    /// <summary>Asks for a pass even if the database has no request pending (tests and tools settling every registration).</summary>
    public void Request()
    {
        Volatile.Write(ref _forced, 1);
        Wake();
    }

    /// <summary>How many re-evaluation passes have finished on this instance since start-up (for load measurements and health).</summary>
    public int CompletedPasses => Volatile.Read(ref _completedPasses);

    /// <summary>Makes the worker check the database's request now.</summary>
    internal void Wake() => _requests.Writer.TryWrite(true);

    internal bool TakeForced() => Interlocked.Exchange(ref _forced, 0) == 1;

    internal void PassCompleted() => Interlocked.Increment(ref _completedPasses);

    internal ChannelReader<bool> Reader => _requests.Reader;
}

/// <summary>
/// Watches saves for what changes evaluation (spec 04): policies and assignments, group membership, a user's account
/// state, a connector's status or toggles. One place, so no service can forget to ask. The request is written to the
/// database in the same save (<see cref="ReevaluationRequestRow"/>), so it commits or rolls back with the change and
/// outlives this instance (spec 08): any instance's worker finds it. This instance's worker is woken once the change is
/// committed: a pass started earlier would read the old state and store stale outcomes.
/// </summary>
public sealed class ReevaluationInterceptor(ReevaluationRequests requests) : SaveChangesInterceptor
{
    // Entries are accepted (Unchanged) after saving, so what changed is noted before the save and acted on after it.
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    /// <summary>The companion that sees commits of explicit transactions.</summary>
    public IInterceptor CommitWatcher => new TransactionCommitWatcher(this);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RequestIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RequestIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(IsRelevant))
        {
            ReevaluationRequestRow.AddTo(context);
            _pending.AddOrUpdate(context, true);
        }
    }

    private void RequestIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction the change is not visible to other connections until the commit.
        if (context is not null && context.Database.CurrentTransaction is null && _pending.Remove(context))
        {
            requests.Wake();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            requests.Wake();
        }
    }

    private static bool IsRelevant(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Deleted or EntityState.Modified && entry.Entity switch
    {
        WindowsManagedAppProtection or PolicyAssignment or GroupMembership => true,
        // A rule edit changes whom the assignments using the filter let through (spec 07).
        Filters.AssignmentFilter => entry.State != EntityState.Modified || entry.Property(nameof(Filters.AssignmentFilter.Rule)).IsModified
            || entry.Property(nameof(Filters.AssignmentFilter.DisplayName)).IsModified,
        DirectoryGroup => entry.State == EntityState.Deleted,
        DirectoryUser => entry.State != EntityState.Modified || entry.Property(nameof(DirectoryUser.AccountEnabled)).IsModified,
        MobileThreatDefenseConnector => entry.State != EntityState.Modified
            || entry.Property(nameof(MobileThreatDefenseConnector.PartnerState)).IsModified
            || entry.ComplexProperty(nameof(MobileThreatDefenseConnector.Settings)).IsModified,
        _ => false,
    };

    private sealed class TransactionCommitWatcher(ReevaluationInterceptor owner) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
            owner.Committed(eventData.Context);

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Committed(eventData.Context);
            return Task.CompletedTask;
        }
    }
}

