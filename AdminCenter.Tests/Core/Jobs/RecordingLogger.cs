using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Tests.Core.Jobs;

/// <summary>Keeps every message a job logs, so a test can wait for a tick that decided not to run.</summary>
internal sealed class RecordingLogger : ILogger
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _messages.Writer.TryWrite(formatter(state, exception) + (exception is null ? "" : " " + exception));

    /// <summary>Reads logged messages until one contains <paramref name="text"/>; a failed run fails the wait.</summary>
    public async Task<string> WaitForAsync(string text)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(limit.Token);
            Assert.DoesNotContain("failed", message, StringComparison.Ordinal);
            if (message.Contains(text, StringComparison.Ordinal))
            {
                return message;
            }
        }
    }
}
