using AdminCenter.Components.Forms;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.Roles;

/// <summary>A role's page: a built-in role read-only; a custom role with Edit and Delete for those who may.</summary>
public partial class RolePage
{
    private static readonly ButtonLook EditLook = new(Variant.Outlined, startIcon: Icons.Material.Filled.Edit);
    private static readonly ButtonLook DeleteLook = new(Variant.Outlined, Color.Error, Icons.Material.Filled.Delete);

    private RoleDefinition? role;
    private CustomRoleRow? custom;
    private Actor? actor;
    private string? refusal;
    private bool loaded;
    private bool mayUpdate;
    private bool mayDelete;
    private bool busy;

    [Parameter]
    public string Name { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private IReadOnlyList<NavEntry> Trail => [new(role?.Name ?? Name, AdminNavigation.RolePage(Name))];

    protected override async Task OnParametersSetAsync()
    {
        actor = await AuthenticationState.CurrentActorAsync();
        mayUpdate = actor.May(CustomRoleService.UpdatePermission);
        mayDelete = actor.May(CustomRoleService.DeletePermission);
        refusal = null;
        custom = BuiltInRoles.Find(Name) is null ? await RoleService.FindAsync(Name) : null;
        role = BuiltInRoles.Find(Name) ?? custom?.ToDefinition();
        loaded = true;
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Delete {custom!.Name}?",
            "The role is removed for good. A role that is assigned to administrators or API tokens can't be deleted.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await RoleService.DeleteAsync(actor!, custom.Id);
            if (result.Succeeded)
            {
                Snackbar.Add($"Deleted the role {custom.Name}.", Severity.Success);
                Navigation.NavigateTo(AdminNavigation.Roles.Href);
                return;
            }
            refusal = string.Join(" ", result.Problems.Select(p => p.Message));
        }
        finally
        {
            busy = false;
        }
    }
}
