using AdminCenter.Components.Forms;
using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.Administrators;

public sealed partial class AddAdministratorPane
{
    private string? email;
    private string? displayName;
    private IReadOnlyList<string> roles = [];
    private bool busy;
    private OneTimePassword? added;
    private MudForm? form;
    private RoleSelect? roleSelect;
    private readonly FieldCheck<string> emailCheck = FieldCheck.For(AdministratorRules.CheckEmail);
    private readonly FieldCheck<string> displayNameCheck = FieldCheck.For(AdministratorRules.CheckDisplayName);

    /// <summary>The signed-in admin's id; the service checks their permission.</summary>
    [Parameter, EditorRequired]
    public string ActorId { get; set; } = "";

    /// <summary>Raised when the pane closes; true when an administrator was added (the list reloads).</summary>
    [Parameter]
    public EventCallback<bool> OnClose { get; set; }

    private async Task AddAsync()
    {
        await form!.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await Administrators.AddAsync(ActorId, new(email ?? "", displayName ?? "", roles));
            if (!result.Succeeded)
            {
                // Only the server knows some refusals (an email another admin added meanwhile, a permission removed).
                emailCheck.Refuse(email, result.MessageFor(AdministratorRules.EmailField) ?? result.MessageFor(AdministratorService.ActorField));
                displayNameCheck.Refuse(displayName, result.MessageFor(AdministratorRules.DisplayNameField));
                roleSelect?.Refuse(result.MessageFor(AdministratorRules.RolesField));
                await form.ValidateAsync();
                return;
            }
            added = result.Value;
        }
        finally
        {
            busy = false;
        }
    }

    private Task CloseAsync() => OnClose.InvokeAsync(added is not null);
}
