using System.Threading.Channels;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>
/// The re-evaluation request is durable (spec 08): written with the change, taken from the database by whichever
/// instance's worker looks, and marked done only by a pass that ended.
/// </summary>
public sealed class ReevaluationWorkerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    // The instance that saves changes and has no worker (it died before its pass): nothing wakes the worker below.
    private readonly ReevaluationRequests _savingInstance = new();
    private readonly ReevaluationRequests _workerInstance = new();
    private readonly TestDatabase _database;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly Channel<string> _log = Channel.CreateUnbounded<string>();
    private readonly Channel<int> _passesStarted = Channel.CreateUnbounded<int>();
    private ReevaluationWorker? _worker;
    private int _passCalls;

    public ReevaluationWorkerTests()
    {
        var interceptor = new ReevaluationInterceptor(_savingInstance);
        _database = new TestDatabase(interceptor, interceptor.CommitWatcher);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(CancellationToken.None);
            _worker.Dispose();
        }
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ExecuteAsync_RequestSavedOnAnInstanceWithoutWorker_PickedUpByThePeriodicCheck()
    {
        Start(_ => Task.FromResult(0));
        await WaitForLogAsync("0 passes run");

        await SaveRelevantChangeAsync("alice@contoso.com");
        Assert.True(await PendingAsync());
        Assert.False(_passesStarted.Reader.TryRead(out _));
        _clock.Advance(CheckInterval);

        Assert.Equal(1, await NextPassAsync());
        await WaitForLogAsync("1 passes run");
        Assert.Equal(1, _workerInstance.CompletedPasses);
        Assert.False(await PendingAsync());
    }

    [Fact]
    public async Task ExecuteAsync_RequestDuringARunningPass_ExactlyOneMorePass()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SaveRelevantChangeAsync("alice@contoso.com");
        Start(async _ =>
        {
            if (_passCalls == 1)
            {
                await release.Task;
            }
            return 0;
        });
        Assert.Equal(1, await NextPassAsync());

        await SaveRelevantChangeAsync("bruno@contoso.com");
        release.SetResult();

        Assert.Equal(2, await NextPassAsync());
        await WaitForLogAsync("2 passes run");
        _clock.Advance(CheckInterval);
        await WaitForLogAsync("0 passes run");
        Assert.Equal(2, _passCalls);
        Assert.Equal(2, _workerInstance.CompletedPasses);
        Assert.False(await PendingAsync());
    }

    [Fact]
    public async Task ExecuteAsync_PassThrows_CompletionNotRecordedAndTheNextCheckRunsItAgain()
    {
        await SaveRelevantChangeAsync("alice@contoso.com");
        Start(_ => _passCalls == 1 ? throw new InvalidOperationException("database gone") : Task.FromResult(0));

        Assert.Equal(1, await NextPassAsync());
        await WaitForLogAsync("database gone");
        Assert.True(await PendingAsync());
        Assert.Equal(0, _workerInstance.CompletedPasses);
        _clock.Advance(CheckInterval);

        Assert.Equal(2, await NextPassAsync());
        await WaitForLogAsync("1 passes run");
        Assert.False(await PendingAsync());
        Assert.Equal(1, _workerInstance.CompletedPasses);
    }

    [Fact]
    public async Task Request_NothingPendingInTheDatabase_StillRunsOnePass()
    {
        Start(_ => Task.FromResult(0));
        await WaitForLogAsync("0 passes run");

        _workerInstance.Request();

        Assert.Equal(1, await NextPassAsync());
        await WaitForLogAsync("1 passes run");
        Assert.Equal(1, _workerInstance.CompletedPasses);
    }

    private void Start(Func<CancellationToken, Task<int>> pass)
    {
        _worker = new ReevaluationWorker(_workerInstance, async cancellationToken =>
        {
            var call = Interlocked.Increment(ref _passCalls);
            _passesStarted.Writer.TryWrite(call);
            return await pass(cancellationToken);
        }, _database, new JobLeases(_database, "worker-instance"), _clock, CheckInterval, new ChannelLogger(_log));
        _ = _worker.StartAsync(CancellationToken.None);
    }

    private async Task SaveRelevantChangeAsync(string userPrincipalName)
    {
        var users = new UserService(_database, _clock, NullLogger<UserService>.Instance);
        Assert.True((await users.CreateUserAsync(new UserInput(userPrincipalName, userPrincipalName), actor: TestActors.System)).Succeeded);
        // The saving instance was woken (and has no worker to take it); the worker's instance was not.
        Assert.True(_savingInstance.Reader.TryRead(out _));
    }

    private async Task<bool> PendingAsync()
    {
        await using var db = _database.CreateDbContext();
        return (await ReevaluationRequestRow.ReadAsync(db)).IsPending;
    }

    private async Task<int> NextPassAsync() => await _passesStarted.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit);

    private async Task WaitForLogAsync(string text)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (!(await _log.Reader.ReadAsync(limit.Token)).Contains(text, StringComparison.Ordinal))
        {
        }
    }

    /// <summary>Every message the worker logs, with its exception's message.</summary>
    private sealed class ChannelLogger(Channel<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Writer.TryWrite(formatter(state, exception) + (exception is null ? "" : " " + exception.Message));
    }
}
