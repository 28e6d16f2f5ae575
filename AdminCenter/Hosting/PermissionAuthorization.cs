using System.Security.Claims;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace AdminCenter.Hosting;

/// <summary>An authorization policy's need: one permission of spec 06's table.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>
/// Meets a <see cref="PermissionRequirement"/> when one of the principal's roles, built-in or custom, grants the
/// permission: the same <see cref="RoleCatalog"/> that gives Core services their <see cref="Actor"/>.
/// </summary>
internal sealed class PermissionAuthorizationHandler(RoleCatalog catalog) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && catalog.AnyAllows(context.User.FindAll(ClaimTypes.Role).Select(claim => claim.Value), requirement.Permission))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

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
