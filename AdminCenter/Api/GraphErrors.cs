using System.Globalization;

namespace AdminCenter.Api;

/// <summary>Microsoft Graph's error body (spec 05): <c>{"error": {"code", "message", "innerError": {"request-id", "date"}}}</c>.</summary>
internal static class GraphErrors
{
    public static IResult BadRequest(HttpContext context, string message) => Create(context, StatusCodes.Status400BadRequest, "BadRequest", message);

    public static IResult Unauthorized(HttpContext context, string message) =>
        Create(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", message);

    public static IResult Forbidden(HttpContext context, string message) => Create(context, StatusCodes.Status403Forbidden, "Forbidden", message);

    public static IResult NotFound(HttpContext context, string message) => Create(context, StatusCodes.Status404NotFound, "NotFound", message);

    public static IResult Conflict(HttpContext context, string message) => Create(context, StatusCodes.Status409Conflict, "Conflict", message);

    public static IResult UnsupportedMediaType(HttpContext context, string message) =>
        Create(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", message);

    public static IResult TooLarge(HttpContext context) =>
        Create(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", $"The request body is larger than {ApiLimits.MaxBodyBytes / 1024 / 1024} MiB.");

    public static IResult Create(HttpContext context, int statusCode, string code, string message) =>
        Results.Json(Body(context, code, message), ApiJson.Options, statusCode: statusCode);

    /// <summary>Writes the error directly, for middleware and authentication handlers that run before an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string code, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(Body(context, code, message), ApiJson.Options);
    }

    private static GraphErrorBody Body(HttpContext context, string code, string message)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return new GraphErrorBody(new GraphError(code, message, new Dictionary<string, string>
        {
            ["request-id"] = context.TraceIdentifier,
            ["date"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }));
    }

    private sealed record GraphErrorBody(GraphError Error);

    private sealed record GraphError(string Code, string Message, IReadOnlyDictionary<string, string> InnerError);
}

internal static class ApiLimits
{
    /// <summary>Bodies over 1 MiB are refused with 413 (spec 05).</summary>
    public const long MaxBodyBytes = 1024 * 1024;
}
