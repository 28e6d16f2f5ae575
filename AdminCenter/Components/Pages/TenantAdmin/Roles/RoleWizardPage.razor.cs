using AdminCenter.Components.Forms;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.Roles;

/// <summary>The custom role wizard's steps (spec 06): Basics, Permissions, Review + create.</summary>
public enum RoleWizardStep
{
    Basics,
    Permissions,
    Review,
}

/// <summary>
/// Create a custom role, or edit one (<c>{Name}/edit</c>): the same three steps, each field's message from
/// <see cref="CustomRoleRules"/>; the service decides (permission, uniqueness) and the page shows its refusals.
/// </summary>
public partial class RoleWizardPage
{
    public const string CreateHref = "/tenant-admin/roles/create/custom";

    // Shared, in RoleWizardStep's order: a list built per render would be kept by every open tab.
    private static readonly IReadOnlyList<string> CreateStepTitles = ["Basics", "Permissions", "Review + create"];
    private static readonly IReadOnlyList<string> EditStepTitles = ["Basics", "Permissions", "Review + save"];

    private readonly FieldCheck<string> nameCheck;
    private RoleBasicsSection? basics;
    private IDisposable? leaveCheck;
    private RoleWizardStep step = RoleWizardStep.Basics;
    private string? name;
    private string? description;
    private IReadOnlySet<Permission> granted = new HashSet<Permission>();
    private IReadOnlyList<string> otherNames = [];
    private IReadOnlyList<ValidationProblem> saveProblems = [];
    private CustomRoleRow? existing;
    private Actor? actor;
    private bool loaded;
    private bool mayChange;
    private bool showPermissionsProblem;
    private bool hasChanges;
    private bool saved;
    private bool busy;

    public RoleWizardPage() => nameCheck = FieldCheck.For(value => CustomRoleRules.CheckName(value, otherNames));

    /// <summary>The custom role to edit; null when creating.</summary>
    [Parameter]
    public string? Name { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    public static string EditHref(string roleName) => AdminNavigation.RolePage(roleName) + "/edit";

    private bool IsEdit => Name is not null;

    private string Heading => IsEdit ? $"Edit {existing?.Name ?? Name}" : "Create custom role";

    private IReadOnlyList<NavEntry> Trail => IsEdit
        ? [new(existing?.Name ?? Name!, AdminNavigation.RolePage(Name!)), new("Edit", EditHref(Name!))]
        : [new("Create custom role", CreateHref)];

    private Permission Needed => IsEdit ? CustomRoleService.UpdatePermission : CustomRoleService.CreatePermission;

    private CustomRoleInput Input => new(name, description, granted);

    private IReadOnlyList<ValidationProblem> Problems => CustomRoleRules.Validate(Input, otherNames);

    private string? PermissionsProblem => CustomRoleRules.CheckPermissions([.. granted]);

    private string? DisabledReasonText =>
        step == RoleWizardStep.Review && Problems.Count > 0
            ? $"{(IsEdit ? "Save" : "Create")} is unavailable until this is fixed: {Problems[0].Message}" : null;

    protected override void OnInitialized() =>
        // NavigationLock's work without its component, which every open tab would keep.
        leaveCheck = Navigation.RegisterLocationChangingHandler(context => new ValueTask(ConfirmLeaveAsync(context)));

    protected override async Task OnParametersSetAsync()
    {
        actor = await AuthenticationState.CurrentActorAsync();
        mayChange = actor.May(Needed);
        if (IsEdit)
        {
            existing = await RoleService.FindAsync(Name);
            if (existing is not null)
            {
                name = existing.Name;
                description = existing.Description;
                granted = existing.Permissions;
            }
        }
        otherNames = await RoleService.OtherNamesAsync(existing?.Id);
        loaded = true;
    }

    private IReadOnlyList<string> StepTitles => IsEdit ? EditStepTitles : CreateStepTitles;

    private string StepTitle(RoleWizardStep value) => StepTitles[(int)value];

    private bool StepIsValid(RoleWizardStep value) => value switch
    {
        RoleWizardStep.Basics => CustomRoleRules.CheckName(name, otherNames) is null && CustomRoleRules.CheckDescription(description) is null,
        RoleWizardStep.Permissions => PermissionsProblem is null,
        _ => true,
    };

    /// <summary>A step can be opened when every step before it is valid.</summary>
    private bool IsReachable(RoleWizardStep value) => Enum.GetValues<RoleWizardStep>().TakeWhile(s => s != value).All(StepIsValid);

    private void GoTo(RoleWizardStep value)
    {
        if (IsReachable(value))
        {
            step = value;
        }
    }

    private void SetName(string? value)
    {
        name = value;
        hasChanges = true;
    }

    private void SetDescription(string? value)
    {
        description = value;
        hasChanges = true;
    }

    private void SetGranted(IReadOnlySet<Permission> value)
    {
        granted = value;
        hasChanges = true;
        showPermissionsProblem = PermissionsProblem is not null;
    }

    /// <summary>Next shows what is wrong at its field rather than moving on.</summary>
    private void Next()
    {
        if (StepIsValid(step))
        {
            step += 1;
            return;
        }
        if (step == RoleWizardStep.Basics)
        {
            basics?.ShowProblems();
        }
        showPermissionsProblem = step == RoleWizardStep.Permissions;
    }

    private void Previous()
    {
        if (step != RoleWizardStep.Basics)
        {
            step -= 1;
        }
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var result = IsEdit
                ? await RoleService.UpdateAsync(actor!, existing!.Id, Input)
                : await RoleService.CreateAsync(actor!, Input);
            if (result.Succeeded)
            {
                saved = true;
                Snackbar.Add($"{(IsEdit ? "Saved" : "Created")} the role {result.Value!.Name}.", Severity.Success);
                Navigation.NavigateTo(AdminNavigation.RolePage(result.Value.Name));
                return;
            }
            saveProblems = result.Problems;
            if (result.MessageFor(CustomRoleRules.NameField) is { } nameProblem)
            {
                // Taken since the page loaded: say so at the field too, where the admin will fix it.
                nameCheck.Refuse(name, nameProblem);
                otherNames = await RoleService.OtherNamesAsync(existing?.Id);
            }
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Leaving with changes asks first; nothing is asked before any change or after saving.</summary>
    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (!hasChanges || saved)
        {
            return;
        }
        var discard = await Dialogs.ShowMessageBoxAsync(
            "Discard changes?",
            IsEdit ? "Your changes to this role have not been saved. If you leave now, they are lost." : "This role has not been created. If you leave now, what you entered is lost.",
            yesText: "Discard changes", cancelText: "Keep editing");
        if (discard != true)
        {
            context.PreventNavigation();
        }
    }

    public void Dispose()
    {
        leaveCheck?.Dispose();
        GC.SuppressFinalize(this);
    }
}
