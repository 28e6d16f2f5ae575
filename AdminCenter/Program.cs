using AdminCenter.Core;
using AdminCenter.Core.Demo;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Persistence;
using AdminCenter.Hosting;
using AdminCenter.Simulation;

// `simulate` plays MAM clients and a partner against a running instance; it never starts the web app.
if (SimulateCommand.IsRequested(args))
{
    return await SimulateCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

// --seed-demo is a bare flag: taken out before the command-line configuration provider would read the next argument as its value.
var seedDemo = args.Contains(DemoConfiguration.SeedDemoArgument, StringComparer.OrdinalIgnoreCase);
var builder = WebApplication.CreateBuilder(args.Where(a => !a.Equals(DemoConfiguration.SeedDemoArgument, StringComparison.OrdinalIgnoreCase)).ToArray());
if (seedDemo)
{
    builder.Configuration[DemoConfiguration.SeedKey] = "true";
}
// Serves MudBlazor's and the app's static web assets from build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

try
{
    builder.Services.AddAdminCenterCore(builder.Configuration, builder.Environment.ContentRootPath);
}
catch (DatabaseConfigurationException e)
{
    return StartupFailure.Report(e);
}
builder.Services.AddAdminCenterWeb(builder.Configuration, builder.Environment);
if (DemoConfiguration.SeedRequested(builder.Configuration))
{
    // After the Core background workers it feeds; it seeds once the server listens.
    builder.Services.AddDemoSeedingAtStartup();
}
// Last: migrations and the bootstrap run while the server starts, and every hosted service registered above waits for them.
builder.Services.AddDatabaseStartup();

var app = builder.Build();

try
{
    // Before the server listens, so a database that cannot be reached stops start-up in one line.
    await app.Services.ProbeAdminCenterDatabaseAsync();
}
catch (DatabaseConfigurationException e)
{
    return StartupFailure.Report(e);
}
// Migrations and the bootstrap begin now, beside the pipeline's set-up and Kestrel's start; requests wait for them.
var databaseStartup = app.Services.GetRequiredService<DatabaseStartup>();
databaseStartup.Begin();
app.UseAdminCenterWeb();
app.Lifetime.ApplicationStarted.Register(() =>
{
    if (databaseStartup.Completion.IsCompletedSuccessfully && databaseStartup.Completion.Result is { } firstAdministrator)
    {
        // Once seeding (which starts now) is done too, so the password is the last thing start-up prints.
        app.Services.DemoSeedingCompletion().ContinueWith(
            _ => FirstRunNotice.Write(app.Logger, firstAdministrator, app.Urls), TaskScheduler.Default);
    }
});

await app.RunAsync();
return databaseStartup.Completion.Exception?.InnerException is DatabaseConfigurationException failure ? StartupFailure.Report(failure) : 0;
