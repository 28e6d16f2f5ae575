using AdminCenter.Core.ApiTokens;
using Microsoft.AspNetCore.Authentication;

namespace AdminCenter.Api;

/// <summary>The API's part of the web app: bearer schemes, limits, Graph-style errors, and its route groups.</summary>
internal static class ApiRegistration
{
    private const string MamClientPolicy = "Api.MamClient";
    private const string ApiCallerPolicy = "Api.Caller";
    private const string PartnerPolicy = "Api.Partner";

    public static IServiceCollection AddAdminCenterApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiSchemes.ApiToken, _ => { })
            .AddScheme<AuthenticationSchemeOptions, PartnerSecretHandler>(ApiSchemes.PartnerSecret, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiCallerPolicy, policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser())
            .AddPolicy(MamClientPolicy, policy => policy.AddAuthenticationSchemes(ApiSchemes.ApiToken).RequireAuthenticatedUser().RequireRole(ApiTokenRoles.MamClients))
            .AddPolicy(PartnerPolicy, policy => policy.AddAuthenticationSchemes(ApiSchemes.PartnerSecret).RequireAuthenticatedUser());
        services.AddApiRateLimiting(configuration);
        services.AddApiReference();
        return services;
    }

    /// <summary>API requests get JSON errors, never the HTML error page, and a 1 MiB body limit.</summary>
    public static void UseApiErrorHandling(this WebApplication app) =>
        app.UseWhen(IsApiRequest, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = context => GraphErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError",
                    "The request could not be completed; nothing was changed by the failed part. Quote the request-id when reporting it."),
            });
            api.Use(async (context, next) =>
            {
                ApiJson.LimitBody(context);
                if (context.Request.ContentLength is > ApiLimits.MaxBodyBytes)
                {
                    await GraphErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", "The request body is larger than 1 MiB.");
                    return;
                }
                await next();
            });
        });

    public static void MapAdminCenterApi(this WebApplication app)
    {
        app.MapGroup("/partner/v1").RequireAuthorization(PartnerPolicy).RequireRateLimiting(ApiRateLimiting.Policy).MapPartnerEndpoints();
        app.MapGroup("/mam/v1").RequireAuthorization(MamClientPolicy).RequireRateLimiting(ApiRateLimiting.Policy).MapMamEndpoints();
        app.MapGroup("/ca/v1").RequireAuthorization(MamClientPolicy).RequireRateLimiting(ApiRateLimiting.Policy).MapConditionalAccessEndpoints();
        app.MapWipeEndpoints();
        app.MapGraphConnectorEndpoints();
        app.MapGraphDirectoryEndpoints();
        app.MapGraphPolicyEndpoints();
        app.MapGraphAssignmentFilterEndpoints();
        app.MapGraphAppConfigurationEndpoints();
        app.MapGraphAuditEndpoints();
        app.MapApiReference();
        app.MapApiFallbacks(ApiCallerPolicy, PartnerPolicy);
    }

    private static bool IsApiRequest(HttpContext context) => ApiFallbacks.IsApiPath(context.Request.Path);
}
