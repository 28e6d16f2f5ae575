using System.Security.Claims;
using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Authorization;

namespace AdminCenter.Hosting;

/// <summary>What the signed-in admin may do; pages ask before acting, not only before showing a button.</summary>
public sealed class AdminAccess(IAuthorizationService authorization)
{
    public async Task<bool> CanModifyMobileThreatDefenseAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, AdminPolicies.ModifyMobileThreatDefense)).Succeeded;

    public async Task<bool> CanManageApiTokensAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, AdminPolicies.ManageApiTokens)).Succeeded;

    public async Task<bool> CanWipeAppDataAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, AdminPolicies.WipeAppData)).Succeeded;

    public async Task<bool> CanModifyAppProtectionAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, AdminPolicies.ModifyAppProtection)).Succeeded;
}
