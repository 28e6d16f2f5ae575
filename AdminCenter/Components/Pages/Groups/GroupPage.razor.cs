using AdminCenter.Components.Display;
using AdminCenter.Components.Forms;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Common;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.Groups;

public partial class GroupPage
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private static readonly ButtonLook EditLook = new(Variant.Text, Color.Primary, Icons.Material.Filled.Edit);
    private static readonly ButtonLook DeleteLook = new(Variant.Text, Color.Error, Icons.Material.Filled.Delete);
    private static readonly ButtonLook AddLook = new(Variant.Filled, Color.Primary, Icons.Material.Filled.PersonAdd);
    private static readonly ButtonLook RemoveLook = new(Variant.Text, Color.Error, size: Size.Small);
    private static readonly ReportColumn[] MemberColumns = [new("Display name"), new("User principal name"), new("Actions", TitleHidden: true)];

    private GroupDetails? group;
    private bool notFound;
    private bool busy;
    private bool editing;
    private bool canModify;
    private string? name;
    private string? description;
    private MudForm? editForm;
    private readonly FieldCheck<string> nameCheck = FieldCheck.For(DirectoryValidator.CheckGroupName);
    private readonly FieldCheck<string> descriptionCheck = FieldCheck.For(DirectoryValidator.CheckGroupDescription);
    private string? membersProblem;
    private IReadOnlyList<UserSummary> toAdd = [];

    [Parameter]
    public string GroupId { get; set; } = "";

    private IReadOnlyList<NavEntry> Trail => [new(group?.DisplayName ?? "Group", Navigation.Uri)];

    private IReadOnlyCollection<string> MemberIds => group?.Members.Select(m => m.UserId).ToList() ?? [];

    protected override async Task OnParametersSetAsync()
    {
        editing = false;
        toAdd = [];
        // Spec 06: users and groups are changed with Organization/Update; the service refuses without it anyway.
        canModify = (await AuthenticationState.CurrentActorAsync()).May(UserService.UpdatePermission);
        group = await Groups.GetGroupAsync(GroupId);
        notFound = group is null;
    }

    private void StartEditing()
    {
        name = group!.DisplayName;
        description = group.Description;
        nameCheck.Refuse(null, null);
        descriptionCheck.Refuse(null, null);
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
            var result = await Groups.UpdateGroupAsync(GroupId, new GroupInput(name, description), await AuthenticationState.CurrentActorAsync());
            Apply(result);
            // Refusals only the server knows (a name another group took meanwhile) stay at their fields.
            nameCheck.Refuse(name, result.MessageFor(DirectoryValidator.DisplayNameField));
            descriptionCheck.Refuse(description, result.MessageFor(DirectoryValidator.DescriptionField));
            if (!result.Succeeded)
            {
                await editForm.ValidateAsync();
            }
            if (result.Succeeded)
            {
                editing = false;
                Snackbar.Add($"Saved group {group!.DisplayName}.", Severity.Success);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task AddMembersAsync()
    {
        busy = true;
        try
        {
            var result = await Groups.AddMembersAsync(GroupId, toAdd.Select(u => u.Id).ToList(), await AuthenticationState.CurrentActorAsync());
            Apply(result);
            membersProblem = result.MessageFor(DirectoryValidator.MembersField);
            if (result.Succeeded)
            {
                Snackbar.Add(toAdd.Count == 1 ? $"Added {toAdd[0].DisplayName} to {group!.DisplayName}." : $"Added {toAdd.Count} members to {group!.DisplayName}.", Severity.Success);
                toAdd = [];
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RemoveMemberAsync(GroupMember member)
    {
        busy = true;
        try
        {
            var result = await Groups.RemoveMemberAsync(GroupId, member.UserId, await AuthenticationState.CurrentActorAsync());
            Apply(result);
            if (result.Succeeded)
            {
                Snackbar.Add($"Removed {member.DisplayName} from {group!.DisplayName}.", Severity.Success);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        var groupName = group!.DisplayName;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Delete the group {groupName}?",
            $"Its members stay in the directory, but app protection policies assigned to {groupName} no longer apply to them. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        busy = true;
        var deleted = await Groups.DeleteGroupAsync(GroupId, await AuthenticationState.CurrentActorAsync());
        busy = false;
        if (deleted.Outcome == ServiceOutcome.Forbidden)
        {
            Snackbar.Add(deleted.Problems[0].Message, Severity.Error);
            return;
        }
        Snackbar.Add($"Deleted the group {groupName}.", Severity.Success);
        Navigation.NavigateTo(AdminNavigation.AllGroups.Href);
    }

    private void Apply(ServiceResult<GroupDetails> result)
    {
        if (result.Succeeded)
        {
            group = result.Value;
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
