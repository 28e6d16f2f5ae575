using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.EndpointSecurity;

/// <summary>Endpoint security > Conditional Access > Classic policies (spec 02): read-only, Delete with a warning.</summary>
public partial class ClassicPoliciesPage
{
    private IReadOnlyList<ClassicPolicyView>? policies;
    private bool canModify;
    private bool busy;
    private AdminCenter.Core.Roles.Actor actor = null!;

    [Inject]
    private ClassicPolicyService ClassicPolicies { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>What deleting a classic policy means, for the confirmation.</summary>
    public static string DeleteWarning(ClassicPolicyView policy) =>
        $"Devices will no longer need to be registered before they talk to {policy.PartnerName}. The policy can't be restored here: " +
        $"only deleting the {policy.PartnerName} connector and setting it up again recreates it, and until then the connector's page warns about it.";

    protected override async Task OnInitializedAsync()
    {
        actor = await AuthenticationState.CurrentActorAsync();
        // Classic policies belong to Mobile Threat Defense (spec 06's permission table).
        canModify = actor.May(MtdConnectorService.ModifyPermission);
        await LoadAsync();
    }

    private async Task LoadAsync() => policies = await ClassicPolicies.ListAsync();

    private async Task DeleteAsync(ClassicPolicyView policy)
    {
        if (!canModify)
        {
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {policy.DisplayName}?", DeleteWarning(policy), yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await ClassicPolicies.DeleteAsync(policy.Id, actor);
            Snackbar.Add(result.Succeeded ? $"Deleted {policy.DisplayName}." : result.Problems[0].Message,
                result.Succeeded ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
