using AdminCenter.Core.Common;
using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.Administrators;

public sealed partial class ManageAdministratorPane
{
    private AdministratorRow current = default!;
    private IReadOnlyList<string> roles = [];
    private bool busy;
    private bool changed;
    private string? message;
    private OneTimePassword? reset;
    private MudForm? form;
    private RoleSelect? roleSelect;

    [Parameter, EditorRequired]
    public string ActorId { get; set; } = "";

    [Parameter, EditorRequired]
    public AdministratorRow Administrator { get; set; } = default!;

    /// <summary>Raised when the pane closes; true when something changed (the list reloads).</summary>
    [Parameter]
    public EventCallback<bool> OnClose { get; set; }

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool IsSelf => current.Id == ActorId;

    protected override void OnInitialized()
    {
        current = Administrator;
        roles = Administrator.Roles;
    }

    private async Task SaveRolesAsync()
    {
        await form!.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }
        var result = await RunAsync(() => Administrators.SetRolesAsync(ActorId, Administrator.Id, roles));
        if (result is { Succeeded: false } && result.MessageFor(AdministratorRules.RolesField) is { } refused)
        {
            message = null;
            roleSelect?.Refuse(refused);
            await form.ValidateAsync();
        }
        else if (result is { Succeeded: true })
        {
            Snackbar.Add($"Roles of {current.DisplayName} saved.", Severity.Success);
        }
    }

    private async Task ActAsync(Func<string, string, Task<ServiceResult<AdministratorRow>>> action)
    {
        var result = await RunAsync(() => action(ActorId, Administrator.Id));
        if (result is { Succeeded: true, Value: { } row })
        {
            Snackbar.Add($"{row.DisplayName} is now {row.Status.ToString().ToLowerInvariant()}.", Severity.Success);
        }
    }

    private async Task ResetPasswordAsync()
    {
        var result = await RunAsync(() => Administrators.ResetPasswordAsync(ActorId, Administrator.Id));
        reset = result?.Value;
    }

    /// <summary>Runs a change; a refusal shows in the pane's alert, a success updates the pane.</summary>
    private async Task<ServiceResult<T>?> RunAsync<T>(Func<Task<ServiceResult<T>>> change)
    {
        busy = true;
        try
        {
            var result = await change();
            message = result.Succeeded ? null : result.Problems[0].Message;
            if (result.Succeeded)
            {
                changed = true;
                current = result.Value switch
                {
                    AdministratorRow row => row,
                    OneTimePassword password => password.Administrator,
                    _ => current,
                };
            }
            return result;
        }
        finally
        {
            busy = false;
        }
    }

    private Task CloseAsync() => OnClose.InvokeAsync(changed);
}
