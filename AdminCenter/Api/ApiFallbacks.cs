using System.Collections.Frozen;
using Microsoft.AspNetCore.Routing.Template;

namespace AdminCenter.Api;

/// <summary>
/// Every API prefix ends in a fallback that answers in Graph's shape: 401 without valid credentials (from the prefix's
/// own scheme, never the sign-in page), then 405 with <c>Allow</c> when the path exists for other methods, else 404.
/// Without these, a path that matches no endpoint fell to the cookie scheme and was redirected to HTML.
/// </summary>
internal static class ApiFallbacks
{
    public static readonly string[] Prefixes = ["/graph", "/mam", "/ca", "/partner"];

    public static void MapApiFallbacks(this WebApplication app, string apiTokenPolicy, string partnerPolicy)
    {
        var methods = new ApiMethodTable(app);
        // A RequestDelegate, not a lambda: the request delegate generator's MapFallback loses the fallback's last order,
        // and the fallbacks then tied with the API's own routes.
        RequestDelegate answer = context => methods.Answer(context).ExecuteAsync(context);
        foreach (var prefix in new[] { "/graph", "/mam", "/ca" })
        {
            app.MapFallback(prefix + "/{**path}", answer).RequireAuthorization(apiTokenPolicy).RequireRateLimiting(ApiRateLimiting.Policy);
        }
        // The partner secret belongs to the connector in the path, so the connector's own paths authenticate with it.
        app.MapFallback("/partner/v1/connectors/{connectorId}/{**path}", answer).RequireAuthorization(partnerPolicy).RequireRateLimiting(ApiRateLimiting.Policy);
        app.MapFallback("/partner/{**path}", answer).RequireAuthorization(apiTokenPolicy).RequireRateLimiting(ApiRateLimiting.Policy);
    }

    public static bool IsApiPath(PathString path) => Prefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The API's routes and their methods, read once from the app's endpoints on first use.</summary>
    private sealed class ApiMethodTable(WebApplication app)
    {
        private IReadOnlyList<(TemplateMatcher Matcher, FrozenSet<string> Methods)>? _routes;

        public IResult Answer(HttpContext context)
        {
            var allowed = AllowedMethods(context.Request.Path);
            if (allowed.Count == 0)
            {
                return GraphErrors.NotFound(context, $"There is no API endpoint at '{context.Request.Path}'. The endpoints are listed in the README and spec 05.");
            }
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return GraphErrors.Create(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed",
                $"'{context.Request.Path}' does not accept {context.Request.Method}; use {string.Join(" or ", allowed)}.");
        }

        private List<string> AllowedMethods(PathString path)
        {
            _routes ??= Load();
            var allowed = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (matcher, methods) in _routes)
            {
                if (matcher.TryMatch(path, []))
                {
                    allowed.UnionWith(methods);
                }
            }
            return [.. allowed];
        }

        private List<(TemplateMatcher, FrozenSet<string>)> Load() =>
            [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
                .Where(endpoint => endpoint.RoutePattern.RawText is { } raw && IsApiPath("/" + raw.TrimStart('/')) && !raw.Contains("{**", StringComparison.Ordinal))
                .Select(endpoint => (
                    new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText!.TrimStart('/')), []),
                    (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).ToFrozenSet(StringComparer.Ordinal)))];
    }
}
