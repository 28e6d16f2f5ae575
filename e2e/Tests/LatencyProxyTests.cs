using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AdminCenter.E2E.Fixtures;

namespace AdminCenter.E2E.Tests;

/// <summary>The proxy the slow-link run relies on: bytes arrive whole and in order, each way no earlier than the delay.</summary>
public sealed class LatencyProxyTests
{
    [Fact]
    public async Task Relay_EchoServerBehindTheProxy_ReturnsEveryByteInOrderAfterTheRoundTripDelay()
    {
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var echoing = EchoOnceAsync(echo);
        await using var proxy = LatencyProxy.Start(new Uri($"http://127.0.0.1:{((IPEndPoint)echo.LocalEndpoint).Port}/"), TimeSpan.FromMilliseconds(100));
        var message = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Address.Host, proxy.Address.Port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();

        await stream.WriteAsync(message);
        var received = new byte[message.Length];
        await stream.ReadExactlyAsync(received);
        clock.Stop();

        Assert.Equal(message, received);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(195), $"the round trip took {clock.Elapsed.TotalMilliseconds} ms");
        client.Close();
        await echoing;
    }

    private static async Task EchoOnceAsync(TcpListener listener)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read));
        }
    }
}
