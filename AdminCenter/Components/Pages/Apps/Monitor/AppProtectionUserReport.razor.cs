using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.Monitor;

public partial class AppProtectionUserReport
{
    private const int PageSize = 50;

    private static readonly Permission ReadPermission = new(PermissionCategory.ManagedApps, PermissionAction.Read);
    private static readonly Dictionary<string, object?> UserLabel = new() { ["aria-label"] = "User report" };
    private static readonly Dictionary<string, object?> TargetedLabel = new() { ["aria-label"] = "Targeted but not checked in" };

    private Actor? actor;
    private Permission? forbidden;
    private UserSummary? user;
    private UserReport? report;
    private bool userMissing;
    private bool targetedOnly;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        actor = await AuthenticationState.CurrentActorAsync();
        forbidden = actor.May(ReadPermission) ? null : ReadPermission;
    }

    private async Task PickUserAsync(UserSummary? picked)
    {
        user = picked;
        report = null;
        userMissing = false;
        if (picked is null || actor is null)
        {
            return;
        }
        var result = await Coverage.GetUserReportAsync(actor, picked.Id);
        forbidden = result.Outcome == ServiceOutcome.Forbidden ? result.MissingPermission : null;
        userMissing = result.Outcome == ServiceOutcome.NotFound;
        report = result.Value;
    }

    private Task TargetedOnlyChangedAsync(bool on)
    {
        targetedOnly = on;
        return Task.CompletedTask;
    }

    /// <summary>From the tenant-wide list to that user's own report.</summary>
    private async Task ShowUserAsync(TargetedUserRow row)
    {
        targetedOnly = false;
        await PickUserAsync(new UserSummary(row.UserId, row.UserPrincipalName, row.DisplayName, AccountEnabled: true));
    }

    private async Task<TableData<TargetedUserRow>> LoadTargetedAsync(TableState state, CancellationToken cancellationToken)
    {
        if (actor is null)
        {
            return new TableData<TargetedUserRow> { Items = [], TotalItems = 0 };
        }
        var result = await Coverage.ListTargetedNotCheckedInAsync(actor, state.Page * state.PageSize, state.PageSize, cancellationToken);
        if (result.Outcome == ServiceOutcome.Forbidden)
        {
            forbidden = result.MissingPermission;
            StateHasChanged();
        }
        var page = result.Value ?? new PagedResult<TargetedUserRow>([], 0);
        return new TableData<TargetedUserRow> { Items = page.Items, TotalItems = page.TotalCount };
    }
}
