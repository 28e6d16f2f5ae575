using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using AdminCenter.Hosting;
using Microsoft.Extensions.Options;

namespace AdminCenter.Api;

/// <summary>
/// How many API requests one caller (one token or partner secret; one address when there is none) may make: a token
/// bucket of <see cref="PermitLimit"/> requests, refilled with <see cref="PermitsPerPeriod"/> every <see cref="Period"/>.
/// The defaults sit far above what the product's own targets need (3,000 single reports a second from one partner), so
/// they only stop a runaway client. Configured under <c>RateLimiting</c>.
/// </summary>
public sealed class ApiRateLimitOptions
{
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 20_000;

    [Range(1, int.MaxValue)]
    public int PermitsPerPeriod { get; set; } = 20_000;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Rate limiting for every API route group (spec 05): 429 with <c>Retry-After</c> and Graph's error body; and for the
/// sign-in form (<see cref="SignInRateLimiting"/>), which shares the one rejection handler.
/// </summary>
internal static class ApiRateLimiting
{
    public const string Policy = "Api.RateLimit";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiRateLimitOptions>().Bind(configuration.GetSection("RateLimiting")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSignInRateLimitOptions(configuration);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = SignInRateLimiting.CreateLimiter();
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (SignInRateLimiting.Applies(context.HttpContext))
                {
                    await SignInRateLimiting.WriteRejectionAsync(context.HttpContext, seconds);
                    return;
                }
                await GraphErrors.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "TooManyRequests",
                    $"Too many requests from this caller; retry after {seconds} second{(seconds == 1 ? "" : "s")}.");
            };
            options.AddPolicy(Policy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(CallerOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.PermitLimit,
                    TokensPerPeriod = limits.PermitsPerPeriod,
                    ReplenishmentPeriod = limits.Period,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }

    // One bucket per credential (a partner's secret or an API token); the limiter runs after authorization, so only
    // callers the API accepted reach it. The address is a fallback that authorized requests do not normally need.
    private static string CallerOf(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization
            ? "credential:" + authorization
            : "address:" + context.Connection.RemoteIpAddress;
}
