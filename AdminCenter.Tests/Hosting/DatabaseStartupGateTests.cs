using System.Text.Json;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Persistence;
using AdminCenter.Hosting;
using AdminCenter.Tests.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminCenter.Tests.Hosting;

/// <summary>The server listens before the database is ready: requests wait for it (issue 17, cold start).</summary>
public sealed class DatabaseStartupGateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource<FirstAdministrator?> _initialisation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _pipelineRan;

    [Fact]
    public async Task Request_BeforeTheDatabaseIsReady_WaitsAndThenRuns()
    {
        var (gate, context) = Gate();

        var request = gate.InvokeAsync(context);
        Assert.False(request.IsCompleted);
        Assert.False(_pipelineRan);
        _initialisation.SetResult(null);
        await request.WaitAsync(Deadline);

        Assert.True(_pipelineRan);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task Request_StartupFailed_Answers503WithoutRunningThePipeline()
    {
        var (gate, context) = Gate();
        _initialisation.SetException(new InvalidOperationException("failed"));

        await gate.InvokeAsync(context).WaitAsync(Deadline);

        Assert.False(_pipelineRan);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task ApiRequest_StartupFailed_Answers503WithGraphsErrorBody()
    {
        var (gate, context) = Gate();
        context.Request.Path = "/graph/beta/deviceAppManagement/windowsManagedAppProtections";
        context.Response.Body = new MemoryStream();
        context.RequestServices = new ServiceCollection().AddSingleton(TimeProvider.System).BuildServiceProvider();
        _initialisation.SetException(new InvalidOperationException("failed"));

        await gate.InvokeAsync(context).WaitAsync(Deadline);

        Assert.False(_pipelineRan);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("serviceNotAvailable", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void App_EveryHostedService_StartsAfterTheDatabaseIsReady()
    {
        var hosted = api.Services.GetServices<IHostedService>().ToList();

        // The web host's own service (Kestrel, or the test server here) is added by the host after the app's.
        var waiting = hosted.Where(s => s is not DatabaseStartup && s.GetType().Name != "GenericWebHostService").ToList();
        Assert.All(waiting, s => Assert.IsType<AfterDatabaseStartup>(s));
        Assert.IsType<DatabaseStartup>(hosted[0]);
        // ... and not held back: the server listens at once.
        Assert.Contains(hosted, s => s.GetType().Name == "GenericWebHostService");
        // Data Protection's key-ring preload reads the database's keys table.
        Assert.Contains(waiting, s => ((AfterDatabaseStartup)s).Inner.GetType().Name == "DataProtectionHostedService");
    }

    private (DatabaseStartupGate Gate, DefaultHttpContext Context) Gate()
    {
        var startup = new DatabaseStartup(_ => _initialisation.Task, () => { }, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));
        startup.Begin();
        var gate = new DatabaseStartupGate(_ =>
        {
            _pipelineRan = true;
            return Task.CompletedTask;
        }, startup);
        return (gate, new DefaultHttpContext());
    }
}
