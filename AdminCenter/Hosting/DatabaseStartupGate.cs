using AdminCenter.Api;
using AdminCenter.Core.Persistence;

namespace AdminCenter.Hosting;

/// <summary>
/// The server listens while start-up's database work runs (<see cref="DatabaseStartup"/>): a request that comes sooner
/// waits for it, and gets 503 if it failed (the host is then stopping). Once the database is ready this is one flag read.
/// </summary>
internal sealed class DatabaseStartupGate(RequestDelegate next, DatabaseStartup startup)
{
    internal const string FailedMessage = "AdminCenter could not start: see the server's log.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!startup.IsReady && !await startup.WaitUntilReadyAsync(context.RequestAborted))
        {
            if (ApiFallbacks.IsApiPath(context.Request.Path))
            {
                // API clients get Graph's error body, as for every other API error.
                await GraphErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "serviceNotAvailable", FailedMessage);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync(FailedMessage, context.RequestAborted);
            return;
        }
        await next(context);
    }
}
