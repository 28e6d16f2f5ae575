using Microsoft.AspNetCore.Components.Authorization;

namespace AdminCenter.Hosting;

/// <summary>Who a page's change is made by, as the Core services record it (the signed-in admin's email).</summary>
public static class AdminActor
{
    public static async Task<string> ActorAsync(this Task<AuthenticationState> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (await state).User.Identity?.Name ?? "";
    }
}
