using System.Security.Claims;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Authentication;

namespace AdminCenter.Hosting;

/// <summary>
/// Lets <see cref="CurrentActor.ToActor"/> (a static extension, called by pages and endpoints with just the principal)
/// reach this app's <see cref="RoleCatalog"/>: every authenticated principal gets an extra, claimless identity holding it.
/// It lives in memory only (never in the cookie) and resolves roles at each call, so an edited custom role applies at once,
/// even in a circuit opened before the edit.
/// </summary>
internal sealed class RoleCatalogClaimsTransformation(RoleCatalog catalog) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated == true && !principal.Identities.OfType<RoleCatalogIdentity>().Any())
        {
            principal.AddIdentity(new RoleCatalogIdentity(catalog));
        }
        return Task.FromResult(principal);
    }
}

/// <summary>Carries the catalog; it has no claims and is not authenticated, so it changes nothing else about the principal.</summary>
internal sealed class RoleCatalogIdentity(RoleCatalog catalog) : ClaimsIdentity
{
    public RoleCatalog Catalog { get; } = catalog;
}
