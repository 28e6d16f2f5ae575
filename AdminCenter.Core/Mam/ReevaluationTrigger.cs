using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Asks for every registration to be evaluated again. Requests coalesce: a burst of admin changes costs one pass.
/// </summary>
public sealed class ReevaluationRequests
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private int _completedPasses;

    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>How many re-evaluation passes have finished since start-up (for load measurements and health).</summary>
    public int CompletedPasses => Volatile.Read(ref _completedPasses);

    internal void PassCompleted() => Interlocked.Increment(ref _completedPasses);

    internal ChannelReader<bool> Reader => _requests.Reader;
}

/// <summary>
/// Watches saves for what changes evaluation (spec 04): policies and assignments, group membership, a user's account
/// state, a connector's status or toggles. One place, so no service can forget to ask. The request is made once the
/// change is committed: a pass started earlier would read the old state and store stale outcomes. With several
/// instances (spec 08) only the instance that saved the change sees it here, so each change gets one pass, on that
/// instance. Known gap: if that instance dies between the commit and its pass, the change waits for the next pass any
/// instance runs (the next evaluation-relevant change anywhere), since every pass evaluates every registration.
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
            _pending.AddOrUpdate(context, true);
        }
    }

    private void RequestIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction the change is not visible to other connections until the commit.
        if (context is not null && context.Database.CurrentTransaction is null && _pending.Remove(context))
        {
            requests.Request();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            requests.Request();
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

/// <summary>Runs the requested re-evaluations one at a time in the background.</summary>
public sealed partial class ReevaluationWorker(ReevaluationRequests queue, RegistrationReevaluator reevaluator, ILogger<ReevaluationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var changed = await reevaluator.ReevaluateAllAsync(stoppingToken);
                    queue.PassCompleted();
                    // A routine pass that changed nothing is noise at Information (seeding alone runs ~100).
                    if (changed == 0)
                    {
                        LogReevaluatedNoChange();
                    }
                    else
                    {
                        LogReevaluated(changed);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-evaluated every registration; {Changed} outcomes changed")]
    private partial void LogReevaluated(int changed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-evaluated every registration; no outcome changed")]
    private partial void LogReevaluatedNoChange();

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-evaluating registrations failed; the next change tries again")]
    private partial void LogFailed(Exception exception);
}
