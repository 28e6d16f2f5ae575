using AdminCenter.Components.Display;
using AdminCenter.Components.Forms;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Common;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.Users;

public partial class UserPage
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private const int OverviewTab = 0;
    private const int AppProtectionTab = 1;
    private const int HistoryTab = 2;

    private static readonly string[] TabTitles = ["Overview", "App protection", "History", "What if"];
    private static readonly ReportColumn[] GroupColumns = [new("Name"), new("Description")];
    private static readonly ButtonLook EditLook = new(Variant.Text, Color.Primary, Icons.Material.Filled.Edit);
    private static readonly ButtonLook DisableLook = new(Variant.Text, Color.Error, Icons.Material.Filled.Block);
    private static readonly ButtonLook EnableLook = new(Variant.Text, Color.Primary, Icons.Material.Filled.CheckCircle);

    private UserDetails? user;
    private bool notFound;
    private bool busy;
    private bool editing;
    private bool canModify;
    private string? userPrincipalName;
    private string? displayName;
    private MudForm? editForm;
    private readonly FieldCheck<string> upnCheck = FieldCheck.For(DirectoryValidator.CheckUserPrincipalName);
    private readonly FieldCheck<string> displayNameCheck = FieldCheck.For(DirectoryValidator.CheckDisplayName);
    private int activeTab;

    [Parameter]
    public string UserId { get; set; } = "";

    private IReadOnlyList<NavEntry> Trail => [new(user?.DisplayName ?? "User", Navigation.Uri)];

    protected override async Task OnParametersSetAsync()
    {
        editing = false;
        // Spec 06: users and groups are changed with Organization/Update; the service refuses without it anyway.
        canModify = (await AuthenticationState.CurrentActorAsync()).May(UserService.UpdatePermission);
        user = await Users.GetUserAsync(UserId);
        notFound = user is null;
    }

    private void StartEditing()
    {
        userPrincipalName = user!.UserPrincipalName;
        displayName = user.DisplayName;
        upnCheck.Refuse(null, null);
        displayNameCheck.Refuse(null, null);
        editing = true;
    }

    private async Task SaveAsync()
    {
        await editForm!.ValidateAsync();
        if (!editForm.IsValid)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await Users.UpdateUserAsync(UserId, new UserInput(userPrincipalName, displayName, user!.AccountEnabled), await AuthenticationState.CurrentActorAsync());
            Apply(result);
            // Refusals only the server knows (a name another user took meanwhile) stay at their fields.
            upnCheck.Refuse(userPrincipalName, result.MessageFor(DirectoryValidator.UserPrincipalNameField));
            displayNameCheck.Refuse(displayName, result.MessageFor(DirectoryValidator.DisplayNameField));
            if (!result.Succeeded)
            {
                await editForm.ValidateAsync();
            }
            if (result.Succeeded)
            {
                editing = false;
                Snackbar.Add($"Saved {user.DisplayName}.", Severity.Success);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SetEnabledAsync(bool enabled)
    {
        busy = true;
        try
        {
            var result = await Users.SetAccountEnabledAsync(UserId, enabled, await AuthenticationState.CurrentActorAsync());
            Apply(result);
            if (result.Succeeded)
            {
                Snackbar.Add(enabled ? $"Enabled the account of {user!.DisplayName}." : $"Disabled the account of {user!.DisplayName}.", Severity.Success);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private void Apply(ServiceResult<UserDetails> result)
    {
        if (result.Succeeded)
        {
            user = result.Value;
        }
        else if (result.Outcome == ServiceOutcome.NotFound)
        {
            notFound = true;
        }
        else if (result.Outcome == ServiceOutcome.Forbidden)
        {
            Snackbar.Add(result.Problems[0].Message, Severity.Error);
        }
    }
}
