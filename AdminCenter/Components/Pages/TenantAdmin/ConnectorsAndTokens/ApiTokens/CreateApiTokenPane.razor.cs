using AdminCenter.Components.Forms;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.ApiTokens;

public sealed partial class CreateApiTokenPane
{
    private const int CustomDate = 0;

    private string? name;
    private string? role;
    private int expiryDays = 90;
    private DateTime? customDate;
    private bool busy;
    private CreatedApiToken? created;
    private MudForm? form;
    private readonly FieldCheck<string> nameCheck = FieldCheck.For(ApiTokenRules.CheckName);
    private readonly FieldCheck<string> roleCheck;
    private readonly FieldCheck<DateTime?> customDateCheck;

    public CreateApiTokenPane()
    {
        customDateCheck = new(date => ApiTokenRules.CheckExpires(ValidThrough(date), Now));
        roleCheck = FieldCheck.For(candidate => ApiTokenRules.CheckRole(candidate, Roles.TokenRoleNames));
    }

    /// <summary>Who is creating it, recorded as Created by.</summary>
    [Parameter, EditorRequired]
    public AdminCenter.Core.Roles.Actor Actor { get; set; } = null!;

    /// <summary>Raised when the pane closes; true when a token was created (the list reloads).</summary>
    [Parameter]
    public EventCallback<bool> OnClose { get; set; }

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private DateTime Today => Now.Date;

    private static string ExpiryLabel(int days) => days == CustomDate ? "Custom date" : $"{days} days";

    // A custom date means "valid through that day": the token expires at the following midnight UTC.
    private static DateTime? ValidThrough(DateTime? date) => date is { } day ? DateTime.SpecifyKind(day.Date.AddDays(1), DateTimeKind.Utc) : null;

    private DateTime? ExpiresUtc() => expiryDays == CustomDate ? ValidThrough(customDate) : ApiTokenExpiry.FromPreset(Now, expiryDays);

    private async Task CreateAsync()
    {
        await form!.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await Tokens.CreateAsync(new ApiTokenInput(name, role, ExpiresUtc()), Actor);
            if (!result.Succeeded)
            {
                // Only the server knows some refusals (a name another admin took meanwhile): shown at their fields.
                nameCheck.Refuse(name, result.MessageFor(ApiTokenRules.NameField) ?? result.MessageFor(ValidationProblem.PermissionField));
                roleCheck.Refuse(role, result.MessageFor(ApiTokenRules.RoleField));
                customDateCheck.Refuse(customDate, result.MessageFor(ApiTokenRules.ExpiresField));
                await form.ValidateAsync();
                return;
            }
            created = result.Value;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", created!.Value);
            Snackbar.Add("Token copied to the clipboard.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying. Select the token value and copy it yourself.", Severity.Warning);
        }
    }

    private Task CloseAsync() => OnClose.InvokeAsync(created is not null);
}
