using System.Security.Claims;
using AdminCenter.Core.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.Administrators;

/// <summary>Tenant administration > Administrators (spec 06): the list, Add administrator, and each admin's Manage pane.</summary>
public sealed partial class AdministratorsPage
{
    private enum Pane
    {
        None,
        Add,
        Manage,
    }

    private IReadOnlyList<AdministratorRow>? admins;
    private AdministratorRow? selected;
    private bool canManage;
    private Pane pane;
    private string actorId = "";

    [Inject]
    private AdministratorService Administrators { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        canManage = await Administrators.CanManageAsync(actorId);
        await LoadAsync();
    }

    private async Task LoadAsync() => admins = await Administrators.ListAsync();

    /// <summary>"name@" of an email, so the line can break after the @ (before the domain).</summary>
    private static string LocalPart(string email) => email.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? email[..(at + 1)] : email;

    private static string Domain(string email) => email.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? email[(at + 1)..] : "";

    private static Color StatusColor(AdministratorStatus status) => status switch
    {
        AdministratorStatus.Enabled => Color.Success,
        AdministratorStatus.Locked => Color.Warning,
        _ => Color.Default,
    };

    private void Manage(AdministratorRow admin)
    {
        selected = admin;
        pane = Pane.Manage;
    }

    private async Task OnDrawerOpenChanged(bool open)
    {
        if (!open)
        {
            await OnPaneClosedAsync(true);
        }
    }

    private async Task OnPaneClosedAsync(bool changed)
    {
        pane = Pane.None;
        selected = null;
        if (changed)
        {
            await LoadAsync();
        }
    }
}
