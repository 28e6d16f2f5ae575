using AdminCenter.Components.Layout;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.AppConfiguration;

public partial class CreateAppConfigurationPage
{
    private static readonly IReadOnlyList<NavEntry> trail = [new("Create app configuration policy", AdminNavigation.CreateAppConfigurationPolicy)];

    private AppConfigurationDraft draft = new();
    private AppConfigurationSection step = AppConfigurationSection.Basics;
    private IReadOnlyList<string> otherPolicyNames = [];
    private Dictionary<string, string> groupNames = [];
    private IReadOnlyList<ValidationProblem> saveProblems = [];
    private Actor? actor;
    private bool hasChanges;
    private bool created;
    private bool busy;
    private IDisposable? leaveCheck;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private static Permission CreatePermission => new(PermissionCategory.ManagedApps, PermissionAction.Create);

    private IReadOnlyList<ValidationProblem> AllProblems => AppConfigurationValidator.Validate(draft, otherPolicyNames);

    // The apps' message shows only once the admin has changed something, not on arrival.
    private IReadOnlyList<ValidationProblem> shownProblems => hasChanges ? StepProblems(step) : [];

    private string? DisabledReasonText
    {
        get
        {
            var found = step == AppConfigurationSection.ReviewCreate ? AllProblems : StepProblems(step);
            var button = step == AppConfigurationSection.ReviewCreate ? "Create" : "Next";
            return found.Count > 0 ? $"{button} is unavailable until this is fixed: {found[0].Message}" : null;
        }
    }

    protected override async Task OnInitializedAsync()
    {
        // NavigationLock's work without its component, which every open tab would keep.
        leaveCheck = Navigation.RegisterLocationChangingHandler(context => new ValueTask(ConfirmLeaveAsync(context)));
        actor = await AuthenticationState.CurrentActorAsync();
        otherPolicyNames = await Policies.ListOtherPolicyNamesAsync(null);
    }

    private IReadOnlyList<ValidationProblem> StepProblems(AppConfigurationSection section) =>
        AppConfigurationSections.Problems(section, draft, otherPolicyNames);

    private void MarkChanged() => hasChanges = true;

    /// <summary>A step can be opened when every step before it is valid.</summary>
    private bool IsReachable(AppConfigurationSection section) =>
        AppConfigurationSections.WizardSteps.TakeWhile(s => s != section).All(s => StepProblems(s).Count == 0);

    private void GoTo(AppConfigurationSection section)
    {
        if (IsReachable(section))
        {
            step = section;
        }
    }

    private void Next()
    {
        if (StepProblems(step).Count == 0 && step != AppConfigurationSection.ReviewCreate)
        {
            step++;
        }
    }

    private void Previous()
    {
        if (step != AppConfigurationSection.Basics)
        {
            step--;
        }
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (!hasChanges || created)
        {
            return;
        }
        var discard = await Dialogs.ShowMessageBoxAsync(
            "Discard changes?",
            "This policy has not been created. If you leave now, what you entered is lost.",
            yesText: "Discard changes", cancelText: "Keep editing");
        if (discard != true)
        {
            context.PreventNavigation();
        }
    }

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            var result = await Policies.CreateAsync(draft, actor!);
            if (result.Succeeded)
            {
                created = true;
                Snackbar.Add($"Created the app configuration policy {result.Value!.Draft.DisplayName}.", Severity.Success);
                Navigation.NavigateTo(AdminNavigation.AppConfigurationPolicies.Href);
                return;
            }
            saveProblems = result.Problems;
            if (result.Outcome is ServiceOutcome.Invalid or ServiceOutcome.Conflict)
            {
                otherPolicyNames = await Policies.ListOtherPolicyNamesAsync(null);
            }
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose()
    {
        leaveCheck?.Dispose();
        GC.SuppressFinalize(this);
    }
}
