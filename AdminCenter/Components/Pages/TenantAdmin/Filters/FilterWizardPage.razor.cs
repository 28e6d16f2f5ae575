using AdminCenter.Components.Forms;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Common;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.Filters;

/// <summary>Tenant administration > Filters > Create > Managed apps (and a filter's Edit): Basics, Rules, Review + create (spec 07).</summary>
public partial class FilterWizardPage
{
    private static readonly FilterStep[] Steps = [FilterStep.Basics, FilterStep.Rules, FilterStep.Review];

    private static readonly IReadOnlyList<string> StepTitles = [.. Steps.Select(Title)];

    private readonly FieldCheck<string> nameCheck;
    private readonly FieldCheck<string> descriptionCheck = FieldCheck.For(AssignmentFilterValidator.CheckDescription);
    private AssignmentFilterDraft draft = new();
    private FilterStep step = FilterStep.Basics;
    private IReadOnlyList<string> otherNames = [];
    private IReadOnlyList<ValidationProblem> saveProblems = [];
    private Actor? actor;
    private int? version;
    private bool accessKnown;
    private bool mayWrite;
    private bool notFound;
    private bool hasChanges;
    private bool saved;
    private bool busy;
    private IDisposable? leaveCheck;

    public FilterWizardPage() => nameCheck = FieldCheck.For(name => AssignmentFilterValidator.CheckDisplayName(name, otherNames));

    /// <summary>The filter being edited; null creates one.</summary>
    [Parameter]
    public string? Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string Heading => Id is null ? "Create filter" : "Edit filter";

    private IReadOnlyList<NavEntry> Trail => [new(Heading, Id is null ? AdminNavigation.CreateFilter : AdminNavigation.EditFilter(Id))];

    private Permission WritePermission => new(PermissionCategory.Filters, Id is null ? PermissionAction.Create : PermissionAction.Update);

    private IReadOnlyList<ValidationProblem> Problems => AssignmentFilterValidator.Validate(draft, otherNames);

    private string? DisabledReasonText
    {
        get
        {
            var found = step == FilterStep.Review ? Problems : StepProblems(step);
            var button = step == FilterStep.Review ? (Id is null ? "Create" : "Save") : "Next";
            return found.Count > 0 ? $"{button} is unavailable until this is fixed: {found[0].Message}" : null;
        }
    }

    protected override async Task OnInitializedAsync()
    {
        // NavigationLock's work without its component, which every open tab would keep.
        leaveCheck = Navigation.RegisterLocationChangingHandler(context => new ValueTask(ConfirmLeaveAsync(context)));
        actor = await AuthenticationState.CurrentActorAsync();
        mayWrite = actor.May(WritePermission);
        if (mayWrite && Id is not null)
        {
            var existing = await FilterService.GetAsync(actor, Id);
            notFound = !existing.Succeeded;
            if (existing.Value is { } filter)
            {
                draft = filter.Draft;
                version = filter.Version;
            }
        }
        otherNames = await FilterService.ListOtherNamesAsync(Id);
        accessKnown = true;
    }

    private static string Title(FilterStep section) => section switch
    {
        FilterStep.Basics => "Basics",
        FilterStep.Rules => "Rules",
        _ => "Review + create",
    };

    private IReadOnlyList<ValidationProblem> StepProblems(FilterStep section) => section switch
    {
        FilterStep.Basics => [.. Problems.Where(p => p.Field != AssignmentFilterValidator.RuleField)],
        FilterStep.Rules => [.. Problems.Where(p => p.Field == AssignmentFilterValidator.RuleField)],
        _ => Problems,
    };

    private bool IsValid(FilterStep section) => StepProblems(section).Count == 0;

    private bool IsReachable(FilterStep section) => Steps.TakeWhile(s => s != section).All(IsValid);

    private void GoTo(FilterStep section)
    {
        if (IsReachable(section))
        {
            step = section;
        }
    }

    private void Next()
    {
        if (IsValid(step) && step != FilterStep.Review)
        {
            step++;
        }
    }

    private void Previous()
    {
        if (step != FilterStep.Basics)
        {
            step--;
        }
    }

    private void MarkChanged() => hasChanges = true;

    private void SetRule(string rule)
    {
        draft = draft with { Rule = rule };
        hasChanges = true;
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var result = Id is null
                ? await FilterService.CreateAsync(actor!, draft)
                : await FilterService.UpdateAsync(actor!, Id, draft, version);
            if (result.Succeeded)
            {
                saved = true;
                Snackbar.Add($"{(Id is null ? "Created" : "Saved")} the filter {result.Value!.DisplayName}.", Severity.Success);
                Navigation.NavigateTo(AdminNavigation.FilterPage(result.Value.Id));
                return;
            }
            saveProblems = result.Problems;
            if (result.Problems.FirstOrDefault(p => p.Field == AssignmentFilterValidator.DisplayNameField) is { } nameProblem)
            {
                nameCheck.Refuse(draft.DisplayName, nameProblem.Message);
            }
            otherNames = await FilterService.ListOtherNamesAsync(Id);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (!hasChanges || saved)
        {
            return;
        }
        var discard = await Dialogs.ShowMessageBoxAsync(
            "Discard changes?",
            Id is null ? "This filter has not been created. If you leave now, what you entered is lost." : "Your changes have not been saved. If you leave now, they are lost.",
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

/// <summary>The steps of the filter wizard.</summary>
public enum FilterStep
{
    Basics,
    Rules,
    Review,
}
