using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminCenter.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>Sign out: a POST with an antiforgery token, so a link elsewhere cannot sign an admin out.</summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async (HttpContext context, [FromServices] SignInManager<AdminUser> signInManager, [FromServices] IAntiforgery antiforgery) =>
        {
            // Minimal APIs validate antiforgery only when they bind a form; this endpoint binds none, so it checks itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The sign-out form has expired; reload the page and sign out again.");
            }
            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login?signedOut=true");
        });
        return account;
    }
}
