using System.ComponentModel.DataAnnotations;
using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace AdminCenter.Components.Account.Pages;

/// <summary>The sign-in page (spec 01): static, so a successful sign-in can set its cookie.</summary>
public sealed partial class Login
{
    private const string WrongCredentials = "Your account or password is incorrect.";

    private string? message;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private SignInInput Input { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "returnUrl")]
    private string? RequestedReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "signedOut")]
    private bool SignedOut { get; set; }

    [Inject]
    private NavigationManager NavigationManager { get; set; } = default!;

    [Inject]
    private AdministratorService Administrators { get; set; } = default!;

    // Identity's managers are resolved from the request's services only when the form is posted: they need a DbContext,
    // and showing the form needs none. The page's GET is the first request a restarted server answers, and creating that
    // context there cost it EF Core's services and set-up (BENCHMARKS.md, "Cold start", eighth step).
    [Inject]
    private IServiceProvider RequestServices { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task SignInAsync()
    {
        var signInManager = RequestServices.GetRequiredService<SignInManager<AdminUser>>();
        var users = RequestServices.GetRequiredService<UserManager<AdminUser>>();
        var result = await signInManager.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var returnUrl = ReturnUrl.LocalOrHome(RequestedReturnUrl);
            if (await users.FindByNameAsync(Input.Email) is { } user)
            {
                await Administrators.RecordSignInAsync(user.Id);
                if ((await users.GetClaimsAsync(user)).Any(c => c.Type == AdministratorRules.MustChangePasswordClaim))
                {
                    returnUrl = $"{MustChangePassword.ChangePasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";
                }
            }
            NavigationManager.NavigateTo(returnUrl);
        }
        else if (result.IsLockedOut)
        {
            // An administrator disabled the account (lockout without end), or failed sign-ins locked it for a while.
            message = (await users.FindByNameAsync(Input.Email))?.LockoutEnd == DateTimeOffset.MaxValue
                ? "Your account is disabled. Ask a Global Administrator or an Intune Role Administrator to enable it."
                : "Your account is locked because of too many failed sign-in attempts. Try again in 15 minutes.";
        }
        else
        {
            message = WrongCredentials;
        }
    }

    private sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
