using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// The built app (<c>dotnet AdminCenter.dll</c>) as its own process on a free loopback port, configured by environment
/// variables, so it can be SIGKILLed like a crashed server. <c>dotnet app.dll</c> runs the app in the host process itself:
/// killing that one process kills the app and nothing else.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private const int KeptOutputLines = 60;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private AppInstance(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>"A" or "B", for messages.</summary>
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
    public static AppInstance Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var assembly = LocateAppAssembly();
        var port = FreeLoopbackPort();
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

        var process = new Process { StartInfo = start };
        var app = new AppInstance(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        app.ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
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

    /// <summary>SIGKILL (only this process) and wait until it is gone.</summary>
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
