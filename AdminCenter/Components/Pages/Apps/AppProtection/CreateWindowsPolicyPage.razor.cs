using AdminCenter.Components.Layout;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.AppProtection;

public partial class CreateWindowsPolicyPage
{
    private static readonly IReadOnlyList<NavEntry> trail = [new("Create policy", AdminNavigation.CreateWindowsPolicy)];

    private static readonly IReadOnlyList<string> StepTitles = [.. PolicySections.WizardSteps.Select(PolicySections.Title)];

    // "None" first, then the framework's levels.
    private static readonly IReadOnlyList<PolicyTemplateLevel?> TemplateOptions = [null, .. Enum.GetValues<PolicyTemplateLevel>().Cast<PolicyTemplateLevel?>()];

    private WindowsPolicyDraft draft = PolicyTemplates.Blank();
    private PolicySection step = PolicySection.Basics;
    private PolicyTemplateLevel? template;
    private IReadOnlyList<string> otherPolicyNames = [];
    private Dictionary<string, string> groupNames = [];
    private IReadOnlyList<ValidationProblem> saveProblems = [];
    private bool hasChanges;
    private bool created;
    private bool busy;
    private bool canModify;
    private bool accessKnown;
    private Actor actor = null!;
    private IDisposable? leaveCheck;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Deep link: <c>?template=level2</c> starts from a framework level.</summary>
    [SupplyParameterFromQuery(Name = "template")]
    public string? TemplateQuery { get; set; }

    private static Permission CreatePermission => AppProtectionPolicyService.CreatePermission;

    private IReadOnlyList<ValidationProblem> problems => PolicyValidator.Validate(draft, otherPolicyNames);

    /// <summary>Why Next (or Create) is disabled, shown beside it; null while it can be clicked.</summary>
    private string? DisabledReasonText
    {
        get
        {
            if (step == PolicySection.ReviewCreate)
            {
                if (!canModify)
                {
                    return "Create is unavailable: your role can view app protection policies but not create them.";
                }
                var all = problems;
                return all.Count > 0 ? $"Create is unavailable until this is fixed: {all[0].Message}" : null;
            }
            var found = StepProblems(step);
            return found.Count > 0 ? $"Next is unavailable until this is fixed: {found[0].Message}" : null;
        }
    }

    protected override async Task OnInitializedAsync()
    {
        // NavigationLock's work without its component, which every open tab would keep.
        leaveCheck = Navigation.RegisterLocationChangingHandler(context => new ValueTask(ConfirmLeaveAsync(context)));
        actor = await AuthenticationState.CurrentActorAsync();
        canModify = actor.May(CreatePermission);
        accessKnown = true;
        otherPolicyNames = await Policies.ListOtherPolicyNamesAsync(null);
        if (TemplateFromQuery(TemplateQuery) is { } level)
        {
            ApplyTemplate(level);
            hasChanges = false;
        }
    }

    private static PolicyTemplateLevel? TemplateFromQuery(string? value) => value?.ToLowerInvariant() switch
    {
        "level1" => PolicyTemplateLevel.Level1Basic,
        "level2" => PolicyTemplateLevel.Level2Enhanced,
        "level3" => PolicyTemplateLevel.Level3High,
        _ => null,
    };

    private static string TemplateName(PolicyTemplateLevel? level) => level is { } value ? PolicyTemplates.DisplayName(value) : "None (start from defaults)";

    /// <summary>
    /// A template sets the policy's settings only. The name and description are the admin's: over a slow link the
    /// template may land while they are being typed, and it must never replace them.
    /// </summary>
    private void ApplyTemplate(PolicyTemplateLevel? level)
    {
        template = level;
        var start = level is { } value ? PolicyTemplates.Create(value) : PolicyTemplates.Blank();
        draft = start with
        {
            DisplayName = draft.DisplayName,
            Description = draft.Description,
            IncludedGroupIds = draft.IncludedGroupIds,
            ExcludedGroupIds = draft.ExcludedGroupIds,
            AssignmentFilters = draft.AssignmentFilters,
        };
        MarkChanged();
    }

    private void MarkChanged() => hasChanges = true;

    private IReadOnlyList<ValidationProblem> StepProblems(PolicySection section) => section switch
    {
        PolicySection.Basics => PolicyValidator.ValidateBasics(draft, otherPolicyNames),
        PolicySection.Apps => PolicyValidator.ValidateApps(draft),
        PolicySection.HealthChecks => PolicyValidator.ValidateHealthChecks(draft),
        PolicySection.Assignments => PolicyValidator.ValidateAssignments(draft),
        _ => [],
    };

    private bool StepIsValid(PolicySection section) => IsValid(StepProblems(section));

    private static bool IsValid(IReadOnlyList<ValidationProblem> found) => found.Count == 0;

    /// <summary>A step can be opened when every step before it is valid.</summary>
    private bool IsReachable(PolicySection section) =>
        PolicySections.WizardSteps.TakeWhile(s => s != section).All(StepIsValid);

    private void GoTo(PolicySection section)
    {
        if (IsReachable(section))
        {
            step = section;
        }
    }

    private Task NextAsync()
    {
        if (StepIsValid(step) && step != PolicySection.ReviewCreate)
        {
            step = step + 1;
        }
        return Task.CompletedTask;
    }

    private Task PreviousAsync()
    {
        if (step != PolicySection.Basics)
        {
            step = step - 1;
        }
        return Task.CompletedTask;
    }

    /// <summary>Leaving with changes (breadcrumb, navigation) asks first; nothing is asked before any change or after Create.</summary>
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
        if (!canModify)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await Policies.CreateAsync(draft, actor);
            if (result.Succeeded)
            {
                created = true;
                Snackbar.Add($"Created the policy {result.Value!.Draft.DisplayName}.", Severity.Success);
                Navigation.NavigateTo(AdminNavigation.AppProtectionPolicies.Href);
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
