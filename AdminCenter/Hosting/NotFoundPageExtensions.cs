using Microsoft.AspNetCore.Diagnostics;

namespace AdminCenter.Hosting;

internal static class NotFoundPageExtensions
{
    public const string Path = "/not-found";

    // The API answers in Graph's JSON shape, and static assets and the framework's own files keep a bare 404.
    private static readonly string[] NotPages = ["/graph", "/mam", "/ca", "/partner", "/healthz", "/_framework", "/_content", "/_blazor"];

    /// <summary>
    /// An unknown address answers 404 with the in-app Not Found page (Pages/NotFound.razor) instead of the browser's
    /// bare "HTTP ERROR 404". Only for page requests: a browser GET that accepts HTML, outside the API prefixes.
    /// </summary>
    public static WebApplication UseInAppNotFoundPage(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute(Path, createScopeForStatusCodePages: true);
        // Switched off per request rather than branched with UseWhen: a branch loses the re-executed request's routing.
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
            return next(context);
        });
        return app;
    }

    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !NotPages.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
