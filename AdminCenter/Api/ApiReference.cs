using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace AdminCenter.Api;

/// <summary>
/// The OpenAPI document of every endpoint (spec 05 §6) at <c>/openapi/v1.json</c>, for a signed-in admin or a valid API
/// token, and Scalar's browsable reference at <c>/api-reference</c> behind sign-in, served from the app itself (no CDN).
/// </summary>
internal static class ApiReference
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api-reference";
    private const string CookieOrTokenScheme = "CookieOrApiToken";
    private const string CookieOrTokenPolicy = "Api.CookieOrToken";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            // The API's routes only; the web app's own form and export endpoints are not part of it.
            options.ShouldInclude = description => ApiFallbacks.IsApiPath("/" + description.RelativePath);
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                operation.Tags = new HashSet<OpenApiTagReference> { new(AudienceOf("/" + context.Description.RelativePath)) };
                await ApiDocumentation.ApplyAsync(operation, context, cancellationToken);
            });
            options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "AdminCenter API",
                Version = "v1",
                Description = "The Graph-shaped admin API (/graph/v1.0 and /graph/beta), the MAM client endpoints (/mam/v1), the partner "
                    + "endpoints (/partner/v1) and Conditional Access (/ca/v1). Send 'Authorization: Bearer <token>': an API token from "
                    + "Tenant administration > Connectors and tokens > API tokens, or, for /partner, the connector's partner secret. "
                    + "Errors use Graph's shape {\"error\": {\"code\", \"message\", \"innerError\"}}.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token, or a connector's partner secret for /partner endpoints.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        });
        });
        // The document is for people (cookie) and automation (token) alike: pick the scheme by whether a bearer token came.
        services.AddAuthentication().AddPolicyScheme(CookieOrTokenScheme, "Signed-in admin or API token", options =>
            options.ForwardDefaultSelector = context =>
                ApiSchemes.BearerToken(context.Request) is not null ? ApiSchemes.ApiToken : IdentityConstants.ApplicationScheme);
        services.AddAuthorizationBuilder().AddPolicy(CookieOrTokenPolicy, policy => policy.AddAuthenticationSchemes(CookieOrTokenScheme).RequireAuthenticatedUser());
        return services;
    }

    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).RequireAuthorization(CookieOrTokenPolicy);
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("AdminCenter API reference")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            // Self-hosted and offline: nothing that calls out to Scalar's services.
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .WithNonce());
    }

    // Grouped by who calls them, as spec 05 presents them.
    private static string AudienceOf(string path) =>
        path.StartsWith("/graph", StringComparison.OrdinalIgnoreCase) ? "Graph admin API"
        : path.StartsWith("/mam", StringComparison.OrdinalIgnoreCase) ? "MAM clients"
        : path.StartsWith("/partner", StringComparison.OrdinalIgnoreCase) ? "Mobile Threat Defense partners"
        : "Conditional Access";

    /// <summary>The script nonce Scalar generated for this response, if it rendered the reference page.</summary>
    public static string? ScriptNonce(HttpContext context) =>
        context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) ? nonce as string : null;
}
