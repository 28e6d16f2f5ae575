using System.Security.Claims;
using AdminCenter.Core.Common;
using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Components;

namespace AdminCenter.Components.Account.Pages;

/// <summary>My account > Change password, and the forced change after a sign-in with a one-time password (spec 06).</summary>
public sealed partial class ChangePassword
{
    private IReadOnlyList<ValidationProblem> problems = [];

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private ChangePasswordInput Input { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "returnUrl")]
    private string? RequestedReturnUrl { get; set; }

    private bool MustChange => HttpContext.User.HasClaim(AdministratorRules.MustChangePasswordClaim, "true");

    protected override void OnInitialized() => Input ??= new();

    private string? MessageFor(string field) => problems.FirstOrDefault(p => p.Field == field)?.Message;

    private async Task ChangeAsync()
    {
        var userId = HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var result = await Administrators.ChangePasswordAsync(userId, Input.CurrentPassword, Input.NewPassword, Input.ConfirmPassword);
        if (!result.Succeeded)
        {
            problems = result.Problems;
            return;
        }
        // A new cookie without the must-change claim and with the new security stamp.
        if (await UserManager.FindByIdAsync(userId) is { } user)
        {
            await SignInManager.RefreshSignInAsync(user);
        }
        NavigationManager.NavigateTo(ReturnUrl.LocalOrHome(RequestedReturnUrl) + (RequestedReturnUrl is null ? "?passwordChanged=true" : ""));
    }

    private sealed class ChangePasswordInput
    {
        public string CurrentPassword { get; set; } = "";

        public string NewPassword { get; set; } = "";

        public string ConfirmPassword { get; set; } = "";
    }
}
