using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// The built app (<c>dotnet AdminCenter.dll</c>) as its own process on a free loopback port, configured by environment
/// variables, so it can be SIGKILLed like a crashed server. <c>dotnet app.dll</c> runs the app in the host process itself:
/// killing that one process kills the app and nothing else. One source file, linked into the unit tests (crash safety)
/// and the end-to-end tests (two instances).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 60;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private AppProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>A short name for messages, e.g. "A" or "B".</summary>
    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId { get; private set; }

    /// <summary>The app's last lines of console output, for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Starts the app with these settings (environment variables); it is not ready until <see cref="WaitUntilReadyAsync"/> returns.</summary>
    public static AppProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreeLoopbackPort();
        var start = StartInfo(port, settings);
        var process = new Process { StartInfo = start };
        var app = new AppProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        app.ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>
    /// Runs the app in Production with <paramref name="environment"/> (no database given unless it says so) until it exits
    /// by itself; for start-up failures. Returns its exit code and its standard output and error lines.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Errors)> RunToExitAsync(
        IReadOnlyDictionary<string, string> environment, TimeSpan deadline)
    {
        var settings = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        settings.TryAdd("ASPNETCORE_ENVIRONMENT", "Production");
        using var process = Process.Start(StartInfo(FreeLoopbackPort(), settings))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"The app was still running after {deadline.TotalSeconds:0} s.");
        }
        static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, Lines(await output), Lines(await errors));
    }

    /// <summary>Polls <c>GET /healthz</c> until it answers 200; fails if the process exits or the deadline passes.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan deadline)
    {
        var healthz = new Uri(BaseAddress, "healthz");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Instance {Name} exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{RecentOutput}");
            }
            try
            {
                using var response = await http.GetAsync(healthz);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException($"Instance {Name} did not answer /healthz within {deadline.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput}");
    }

    /// <summary>SIGKILL (Process.Kill without the tree: only this process) and wait until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(int port, IReadOnlyDictionary<string, string> settings)
    {
        var assembly = LocateAppAssembly();
        var start = new ProcessStartInfo(DotnetHost())
        {
            // The build output is the content root; static web assets are found through its manifest.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The app project's own build output (with its deps.json and runtimeconfig.json), same configuration as this test.</summary>
    private static string LocateAppAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        for (var directory = testOutput; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AdminCenter.sln")))
            {
                var assembly = Path.Combine(directory.FullName, "AdminCenter", "bin", configuration, framework, "AdminCenter.dll");
                return File.Exists(assembly)
                    ? assembly
                    : throw new FileNotFoundException($"Build the solution first: {assembly} is missing.", assembly);
            }
        }
        throw new DirectoryNotFoundException($"No AdminCenter.sln above {testOutput.FullName}.");
    }

    // The dotnet CLI tells the processes it starts where its host is; the PATH's dotnet otherwise.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
