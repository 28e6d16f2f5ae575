using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// A loopback TCP proxy that delays every chunk by a fixed time in each direction, like a remote admin's link: the browser
/// talks to the app through it when <c>E2E_PROXY_DELAY_MS</c> is set (100 gives a 200 ms round trip). Order and bandwidth
/// are kept; only latency is added, so Blazor's WebSocket sees keystrokes and renders arrive late, as over a WAN.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly TimeSpan _delay;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private LatencyProxy(Uri target, TimeSpan delay)
    {
        _target = target;
        _delay = delay;
        _listener.Start();
        Address = new UriBuilder(target) { Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>The delay each way from <c>E2E_PROXY_DELAY_MS</c>, or null to run direct.</summary>
    public static TimeSpan? ConfiguredDelay =>
        int.TryParse(Environment.GetEnvironmentVariable("E2E_PROXY_DELAY_MS"), out var milliseconds) && milliseconds > 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;

    public static LatencyProxy Start(Uri target, TimeSpan delay)
    {
        Console.WriteLine($"e2e through a latency proxy: {delay.TotalMilliseconds} ms each way");
        return new LatencyProxy(target, delay);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_target.Host, _target.Port, _stopping.Token);
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                var upstream = PumpAsync(client.GetStream(), server.GetStream(), connection.Token);
                var downstream = PumpAsync(server.GetStream(), client.GetStream(), connection.Token);
                await Task.WhenAny(upstream, downstream);
                await connection.CancelAsync();
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A closed browser tab or a stopped server ends the relay.
            }
        }
    }

    /// <summary>Reads as fast as data comes and writes each chunk once it is <see cref="_delay"/> old.</summary>
    private async Task PumpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateUnbounded<(long DueTicks, byte[] Data)>(new() { SingleReader = true, SingleWriter = true });
        var writing = WriteDueAsync(chunks.Reader, to, cancellationToken);
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                chunks.Writer.TryWrite((Environment.TickCount64 + (long)_delay.TotalMilliseconds, buffer[..read]));
            }
        }
        finally
        {
            chunks.Writer.TryComplete();
        }
        await writing;
    }

    private static async Task WriteDueAsync(ChannelReader<(long DueTicks, byte[] Data)> chunks, Stream to, CancellationToken cancellationToken)
    {
        await foreach (var (due, data) in chunks.ReadAllAsync(cancellationToken))
        {
            var wait = due - Environment.TickCount64;
            if (wait > 0)
            {
                // The simulated link's latency, not a test waiting for state.
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
            }
            await to.WriteAsync(data, cancellationToken);
        }
        to.Close();
    }
}
