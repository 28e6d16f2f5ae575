using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AdminCenter.Api;

internal static class ApiSchemes
{
    /// <summary>Admin automation and MAM clients: <c>Authorization: Bearer &lt;API token&gt;</c>.</summary>
    public const string ApiToken = "ApiToken";

    /// <summary>A partner's calls for its connector: <c>Authorization: Bearer &lt;partner secret&gt;</c>.</summary>
    public const string PartnerSecret = "PartnerSecret";

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}

/// <summary>Where API tokens come from until the API tokens page exists: <c>Bootstrap__ApiToken</c> (spec 01).</summary>
internal sealed class ApiTokenOptions : AuthenticationSchemeOptions
{
    public string? BootstrapToken { get; set; }
}

/// <summary>Accepts the bootstrap API token as a Global Administrator token; answers 401/403 in Graph's error shape.</summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<ApiTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiTokenOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiSchemes.BearerToken(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var expected = Options.BootstrapToken;
        if (string.IsNullOrEmpty(expected) || !FixedTimeEquals(presented, expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API token is not valid."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "bootstrap API token"), new Claim(ClaimTypes.Role, AdminRoles.GlobalAdministrator)],
            ApiSchemes.ApiToken);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiSchemes.ApiToken)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        GraphErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken",
            "Send a valid API token as 'Authorization: Bearer <token>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        GraphErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "The token's role may not do this.");

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>Accepts a partner's secret for the connector named in the route (<c>{connectorId}</c>).</summary>
internal sealed class PartnerSecretHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MtdConnectorService connectors)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ConnectorClaim = "connector_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiSchemes.BearerToken(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (Request.RouteValues["connectorId"] is not string connectorId || !PartnerCatalog.TryFind(connectorId, out var partner)
            || !await connectors.VerifyPartnerSecretAsync(partner.ConnectorId, presented, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("The partner secret is not valid for this connector.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, partner.Name), new Claim(ConnectorClaim, partner.ConnectorId)], ApiSchemes.PartnerSecret);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiSchemes.PartnerSecret));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        GraphErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken",
            "Send the connector's partner secret as 'Authorization: Bearer <secret>'; an admin generates it on the connector's page.");
}
