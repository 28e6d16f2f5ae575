using System.Security.Claims;
using System.Text.Encodings.Web;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Connectors;
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

/// <summary>
/// Accepts an active API token (spec 06: created on the API tokens page or by <c>Bootstrap__ApiToken</c>); the caller acts
/// with the token's role. Answers 401/403 in Graph's error shape.
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenIdClaim = "api_token_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiSchemes.BearerToken(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (await tokens.AuthenticateAsync(presented, Context.RequestAborted) is not { } token)
        {
            return AuthenticateResult.Fail("The API token is not valid.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"API token: {token.Name}"), new Claim(ClaimTypes.Role, token.Role), new Claim(TokenIdClaim, token.Id)],
            ApiSchemes.ApiToken);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiSchemes.ApiToken));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        GraphErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken",
            "Send a valid API token as 'Authorization: Bearer <token>'; an expired or revoked token is refused. Admins create tokens at Tenant administration > Connectors and tokens > API tokens.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        GraphErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            $"This token's role ({Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none"}) may not do this; use a token with a role that may.");
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
