using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Core.Wipe;
using AdminCenter.Hosting;

namespace AdminCenter.Api;

/// <summary>Graph beta's selective wipe (spec 05 §1): <c>POST /graph/beta/users/{upn}/wipeManagedAppRegistrationsByAzureAdDeviceId</c>.</summary>
internal static class WipeEndpoints
{
    public static void MapWipeEndpoints(this WebApplication app)
    {
        // The role is checked in the handler (Managed apps/Wipe), so that a 403 names the permission the token's role lacks.
        var users = app.MapGroup("/graph/beta/users").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(ApiSchemes.ApiToken)
            .RequireAuthenticatedUser())
            .RequireRateLimiting(ApiRateLimiting.Policy);
        users.MapPost("/{userPrincipalName}/wipeManagedAppRegistrationsByAzureAdDeviceId", WipeByDeviceAsync);
    }

    private static async Task<IResult> WipeByDeviceAsync(string userPrincipalName, HttpContext context, WipeService wipes)
    {
        if (GraphEntities.Forbidden(context, new(PermissionCategory.ManagedApps, PermissionAction.Wipe), "Wiping app data") is { } forbidden)
        {
            return forbidden;
        }
        var (request, error) = await ApiJson.ReadAsync<WipeByDeviceRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var result = await wipes.CreateForDeviceAsync(userPrincipalName, request!.AzureAdDeviceId, context.User.ToActor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : ApiResults.Error(context, result);
    }

    internal sealed record WipeByDeviceRequest([FieldKind(FieldKind.Identifier)] string AzureAdDeviceId);
}
