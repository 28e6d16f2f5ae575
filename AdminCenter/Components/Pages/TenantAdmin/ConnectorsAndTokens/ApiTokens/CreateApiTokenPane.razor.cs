using AdminCenter.Core.ApiTokens;
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
    private string? nameProblem;
    private string? roleProblem;
    private string? expiresProblem;
    private bool busy;
    private CreatedApiToken? created;

    /// <summary>Who is creating it, recorded as Created by.</summary>
    [Parameter, EditorRequired]
    public string Actor { get; set; } = "";

    /// <summary>Raised when the pane closes; true when a token was created (the list reloads).</summary>
    [Parameter]
    public EventCallback<bool> OnClose { get; set; }

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private DateTime Today => Now.Date;

    private static string ExpiryLabel(int days) => days == CustomDate ? "Custom date" : $"{days} days";

    // Each field is checked when it changes (on blur for text), with the same Core rule the service applies on Create.
    private void NameChanged(string? value)
    {
        name = value;
        nameProblem = ApiTokenRules.CheckName(value);
    }

    private void RoleChanged(string? value)
    {
        role = value;
        roleProblem = ApiTokenRules.CheckRole(value);
    }

    private void ExpiryChanged(int days)
    {
        expiryDays = days;
        expiresProblem = null;
    }

    private void CustomDateChanged(DateTime? date)
    {
        customDate = date;
        expiresProblem = ApiTokenRules.CheckExpires(ExpiresUtc(), Now);
    }

    // A custom date means "valid through that day": the token expires at the following midnight UTC.
    private DateTime? ExpiresUtc() => expiryDays == CustomDate
        ? customDate is { } date ? DateTime.SpecifyKind(date.Date.AddDays(1), DateTimeKind.Utc) : null
        : ApiTokenExpiry.FromPreset(Now, expiryDays);

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            var result = await Tokens.CreateAsync(new ApiTokenInput(name, role, ExpiresUtc()), Actor);
            nameProblem = result.MessageFor(ApiTokenRules.NameField);
            roleProblem = result.MessageFor(ApiTokenRules.RoleField);
            expiresProblem = result.MessageFor(ApiTokenRules.ExpiresField);
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
