using System.Security.Claims;
using AdminCenter.Api;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Components.Authorization;

namespace AdminCenter.Hosting;

/// <summary>
/// The <see cref="Actor"/> a Core service is handed, built from the authenticated principal of a page (the signed-in
/// admin) or a request (an API token or a partner secret); its permissions come from the principal's roles, resolved
/// through the app's <see cref="RoleCatalog"/> (built-in and custom roles; see <see cref="RoleCatalogClaimsTransformation"/>).
/// A principal that never passed authentication (a hand-made one) resolves built-in roles only.
/// </summary>
public static class CurrentActor
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = user.Identity;
        var name = identity?.Name ?? "";
        var catalog = user.Identities.OfType<RoleCatalogIdentity>().FirstOrDefault()?.Catalog;
        var roles = user.FindAll(ClaimTypes.Role)
            .Select(claim => catalog is null ? BuiltInRoles.Find(claim.Value) : catalog.Find(claim.Value)).OfType<RoleDefinition>().ToList();
        return identity?.AuthenticationType switch
        {
            ApiSchemes.ApiToken => Actor.WithRoles(ActorKind.ApiToken,
                name.StartsWith(Core.Audit.AuditActors.ApiTokenPrefix, StringComparison.Ordinal) ? name[Core.Audit.AuditActors.ApiTokenPrefix.Length..] : name, roles),
            ApiSchemes.PartnerSecret => Actor.Partner(name),
            _ => Actor.WithRoles(ActorKind.Administrator, name, roles),
        };
    }

    /// <summary>The signed-in admin of a page, as the actor of the change the page is about to make.</summary>
    public static async Task<Actor> CurrentActorAsync(this Task<AuthenticationState> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (await state).User.ToActor();
    }
}
