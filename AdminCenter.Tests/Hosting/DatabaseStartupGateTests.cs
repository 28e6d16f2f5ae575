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
    // The callback the initialisation is given, handed over once Begin has started it on a pool thread.
    private readonly TaskCompletionSource<Action> _schemaReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _pipelineRan;

    [Fact]
    public async Task Request_BeforeTheDatabaseIsReady_WaitsAndThenRuns()
    {
        var (gate, context, _) = Gate();

        var request = gate.InvokeAsync(context);
        Assert.False(request.IsCompleted);
        Assert.False(_pipelineRan);
        _initialisation.SetResult(null);
        await request.WaitAsync(Deadline);

        Assert.True(_pipelineRan);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task SignInPage_MigrationsAppliedBootstrapStillRunning_Runs(string method)
    {
        var (gate, context, _) = Gate();
        context.Request.Method = method;
        context.Request.Path = "/account/login";

        var request = gate.InvokeAsync(context);
        Assert.False(request.IsCompleted);
        (await _schemaReady.Task.WaitAsync(Deadline))();
        await request.WaitAsync(Deadline);

        Assert.True(_pipelineRan);
        Assert.False(_initialisation.Task.IsCompleted);
    }

    [Theory]
    [InlineData("POST", "/Account/Login")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/graph/beta/deviceAppManagement/windowsManagedAppProtections")]
    public async Task OtherRequest_MigrationsAppliedBootstrapStillRunning_WaitsForTheBootstrap(string method, string path)
    {
        var (gate, context, startup) = Gate();
        context.Request.Method = method;
        context.Request.Path = path;

        (await _schemaReady.Task.WaitAsync(Deadline))();
        Assert.True(await startup.WaitUntilSchemaReadyAsync(CancellationToken.None).WaitAsync(Deadline));

        var request = gate.InvokeAsync(context);
        Assert.False(request.IsCompleted);
        Assert.False(_pipelineRan);
        _initialisation.SetResult(null);
        await request.WaitAsync(Deadline);

        Assert.True(_pipelineRan);
    }

    [Fact]
    public async Task SignInPage_MigrationsFailed_Answers503WithoutRunningThePipeline()
    {
        var (gate, context, _) = Gate();
        context.Request.Method = "GET";
        context.Request.Path = "/Account/Login";
        _initialisation.SetException(new InvalidOperationException("failed"));

        await gate.InvokeAsync(context).WaitAsync(Deadline);

        Assert.False(_pipelineRan);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task Request_StartupFailed_Answers503WithoutRunningThePipeline()
    {
        var (gate, context, _) = Gate();
        _initialisation.SetException(new InvalidOperationException("failed"));

        await gate.InvokeAsync(context).WaitAsync(Deadline);

        Assert.False(_pipelineRan);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task ApiRequest_StartupFailed_Answers503WithGraphsErrorBody()
    {
        var (gate, context, _) = Gate();
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

    private (DatabaseStartupGate Gate, DefaultHttpContext Context, DatabaseStartup Startup) Gate()
    {
        var startup = new DatabaseStartup(
            (schemaReady, _) =>
            {
                _schemaReady.TrySetResult(schemaReady);
                return _initialisation.Task;
            },
            new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));
        startup.Begin();
        var gate = new DatabaseStartupGate(_ =>
        {
            _pipelineRan = true;
            return Task.CompletedTask;
        }, startup);
        return (gate, new DefaultHttpContext(), startup);
    }
}
