using AdminCenter.Api;
using AdminCenter.Components.Account;
using AdminCenter.Core.Persistence;

namespace AdminCenter.Hosting;

/// <summary>
/// The server listens while start-up's database work runs (<see cref="DatabaseStartup"/>): a request that comes sooner
/// waits for it, and gets 503 if it failed (the host is then stopping). Once the database is ready this is one flag read.
/// </summary>
/// <remarks>
/// The sign-in page's GET waits only for the migrations: its form needs Data Protection's keys, which live in the schema,
/// and nothing the bootstrap creates. On a first start that answers it without waiting for the administrator's creation
/// (about 0.2 s, BENCHMARKS.md "Cold start"); posting the form still waits for everything.
/// </remarks>
internal sealed class DatabaseStartupGate(RequestDelegate next, DatabaseStartup startup)
{
    internal const string FailedMessage = "AdminCenter could not start: see the server's log.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!startup.IsReady && !await WaitForWhatItNeedsAsync(context))
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

    private Task<bool> WaitForWhatItNeedsAsync(HttpContext context) => NeedsOnlyTheSchema(context.Request)
        ? startup.WaitUntilSchemaReadyAsync(context.RequestAborted)
        : startup.WaitUntilReadyAsync(context.RequestAborted);

    private static bool NeedsOnlyTheSchema(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.Equals(AccountPaths.SignIn, StringComparison.OrdinalIgnoreCase);
}
