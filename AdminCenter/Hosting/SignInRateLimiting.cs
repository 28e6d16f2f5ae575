using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Threading.RateLimiting;
using AdminCenter.Components.Account;
using Microsoft.Extensions.Options;

namespace AdminCenter.Hosting;

/// <summary>
/// How many sign-in attempts one address may post: a token bucket of <see cref="PermitLimit"/> attempts, refilled with
/// <see cref="PermitsPerPeriod"/> every <see cref="Period"/> (default 30 at once, then 30 a minute). Lockout stops guessing
/// one account's password; this stops one address from trying many accounts. Configured under <c>RateLimiting:SignIn</c>.
/// </summary>
public sealed class SignInRateLimitOptions
{
    public const string SectionName = "RateLimiting:SignIn";

    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 30;

    [Range(1, int.MaxValue)]
    public int PermitsPerPeriod { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The global limiter's only partition that limits anything: POSTs of the sign-in form, per client address.</summary>
internal static class SignInRateLimiting
{
    public static IServiceCollection AddSignInRateLimitOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInRateLimitOptions>().Bind(configuration.GetSection(SignInRateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static bool Applies(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(AccountPaths.SignIn, StringComparison.OrdinalIgnoreCase);

    public static PartitionedRateLimiter<HttpContext> CreateLimiter() =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!Applies(context))
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var limits = context.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value;
            return RateLimitPartition.GetTokenBucketLimiter("sign-in:" + context.Connection.RemoteIpAddress, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.PermitLimit,
                TokensPerPeriod = limits.PermitsPerPeriod,
                ReplenishmentPeriod = limits.Period,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

    /// <summary>A plain page for the browser (the sign-in form is not an API): what happened and when to try again.</summary>
    public static Task WriteRejectionAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var message = WebUtility.HtmlEncode($"Too many sign-in attempts from this address. Wait {retryAfterSeconds} seconds, then try again.");
        return context.Response.WriteAsync(
            $"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Try again later - AdminCenter</title></head><body><main><h1>Try again later</h1><p>{message}</p><p><a href="{AccountPaths.SignIn}">Back to sign-in</a></p></main></body></html>""");
    }
}
