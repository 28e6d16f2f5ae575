using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Components.Endpoints;

namespace AdminCenter.Components.Account;

/// <summary>
/// An admin signed in with a one-time password sees no page but Change password until they have chosen their own
/// (spec 06). The claim comes from the Identity user claims in the sign-in cookie; changing the password removes it
/// and renews the cookie.
/// </summary>
internal static class MustChangePassword
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var isPage = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            if (isPage && context.User.HasClaim(AdministratorRules.MustChangePasswordClaim, "true")
                && !context.Request.Path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                return Task.CompletedTask;
            }
            return next(context);
        });
}
