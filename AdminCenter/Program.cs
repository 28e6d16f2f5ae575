using AdminCenter.Core;
using AdminCenter.Core.Persistence;
using AdminCenter.Hosting;

var builder = WebApplication.CreateBuilder(args);
// Serves MudBlazor's and the app's static web assets from build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddAdminCenterCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddAdminCenterWeb(builder.Configuration, builder.Environment);

var app = builder.Build();

await app.Services.InitialiseAdminCenterDatabaseAsync();
app.UseAdminCenterWeb();

await app.RunAsync();
