using AdminCenter.Core.ApiTokens;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.ApiTokens;

/// <summary>Tenant administration > Connectors and tokens > API tokens (spec 06): list, create, revoke.</summary>
public sealed partial class ApiTokensPage
{
    private IReadOnlyList<ApiTokenRow>? tokens;
    private bool canManage;
    private bool createPaneOpen;
    private AdminCenter.Core.Roles.Actor actor = null!;

    [Inject]
    private ApiTokenService Tokens { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        actor = await AuthenticationState.CurrentActorAsync();
        canManage = actor.May(ApiTokenService.CreatePermission);
        await LoadAsync();
    }

    private async Task LoadAsync() => tokens = await Tokens.ListAsync();

    private static Color StatusColor(ApiTokenStatus status) => status switch
    {
        ApiTokenStatus.Active => Color.Success,
        ApiTokenStatus.Expired => Color.Warning,
        _ => Color.Default,
    };

    private async Task OnPaneClosedAsync(bool created)
    {
        createPaneOpen = false;
        if (created)
        {
            await LoadAsync();
        }
    }

    private async Task RevokeAsync(ApiTokenRow token)
    {
        // The service asks again at the moment of acting: the page may have been open since the admin's roles changed.
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke token?",
            $"Anything that uses '{token.Name}' stops working at once: its next request is refused. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        var result = await Tokens.RevokeAsync(token.Id, actor);
        Snackbar.Add(result.Succeeded ? $"Token '{token.Name}' revoked." : result.Problems[0].Message, result.Succeeded ? Severity.Success : Severity.Error);
        await LoadAsync();
    }
}
