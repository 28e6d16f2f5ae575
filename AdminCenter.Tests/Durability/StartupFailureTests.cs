using System.Net;
using System.Net.Sockets;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Durability;

/// <summary>Spec 08: an unknown provider or an unreachable database stops start-up with one clear line, not a stack trace.</summary>
public sealed class StartupFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Start_UnknownProvider_ExitsWithOneLineNamingTheChoices()
    {
        var (exitCode, output, errors) = await AppProcess.RunToExitAsync(new Dictionary<string, string> { ["Database__Provider"] = "Oracle" }, Deadline);

        AssertOneLineFailure(exitCode, output, errors, "Database__Provider \"Oracle\" is not supported: use Sqlite (the default) or PostgreSQL.");
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_ExitsWithOneLineSayingWhatToSet()
    {
        var (exitCode, output, errors) = await AppProcess.RunToExitAsync(new Dictionary<string, string> { ["Database__Provider"] = "PostgreSQL" }, Deadline);

        AssertOneLineFailure(exitCode, output, errors, "ConnectionStrings__AdminCenter is not set");
    }

    [Fact]
    public async Task Start_PostgreSqlNotListening_ExitsWithOneLineNamingTheServer()
    {
        var port = ClosedLoopbackPort();
        var (exitCode, output, errors) = await AppProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__AdminCenter"] = $"Host=127.0.0.1;Port={port};Database=admincenter;Username=admincenter;Password=x;Timeout=5",
        }, Deadline);

        AssertOneLineFailure(exitCode, output, errors, $"Cannot open the PostgreSQL database \"admincenter\" at 127.0.0.1:{port}");
    }

    private static void AssertOneLineFailure(int exitCode, IReadOnlyList<string> output, IReadOnlyList<string> errors, string expected)
    {
        Assert.Equal(2, exitCode);
        var line = Assert.Single(errors);
        Assert.StartsWith("AdminCenter cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Concat(errors), l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    // A port that was free a moment ago: nothing listens there, so a connection is refused at once.
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
