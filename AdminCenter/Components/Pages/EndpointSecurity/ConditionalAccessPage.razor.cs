using AdminCenter.Components.Display;
using AdminCenter.Components.Forms;
using AdminCenter.Core.Common;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.EndpointSecurity;

public partial class ConditionalAccessPage
{
    private ConditionalAccessPolicyView? policy;
    private ConditionalAccessPolicyDraft draft = new(ConditionalAccessState.Off, [], []);
    private Dictionary<string, string> groupNames = [];
    private IReadOnlyList<ValidationProblem> problems = [];
    private string? conflict;
    private bool busy;
    private bool canModify;
    private AdminCenter.Core.Roles.Actor actor = null!;
    private MudSelect<ConditionalAccessState>? stateSelect;
    private readonly FieldProblem<ConditionalAccessState> stateProblem = new();

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool Unchanged => policy is null || draft.SameAs(policy.ToDraft());

    private string LastModified => policy?.LastModifiedDateTime is { } time
        ? $"{DisplayFormat.Time(time)} by {policy.LastModifiedBy}"
        : "Never: the policy is off until it is first saved";

    private string StateHelp => draft.State switch
    {
        ConditionalAccessState.On => "Sign-ins that fail the policy are blocked.",
        ConditionalAccessState.ReportOnly => "Sign-ins are evaluated and logged; none is blocked.",
        _ => "The policy is not evaluated; every sign-in is granted.",
    };

    private string? StateProblem => Problem(ConditionalAccessPolicyDraft.StateField);

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        stateProblem.Current = StateProblem;
        return stateProblem.ShowAsync(stateSelect);
    }

    protected override async Task OnInitializedAsync()
    {
        actor = await AuthenticationState.CurrentActorAsync();
        // Conditional Access belongs to the Organization category of spec 06's permission table.
        canModify = actor.May(ConditionalAccessService.UpdatePermission);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Show(await ConditionalAccess.GetPolicyAsync());
        conflict = null;
    }

    private void Show(ConditionalAccessPolicyView view)
    {
        policy = view;
        draft = view.ToDraft();
        groupNames = view.IncludedGroups.Concat(view.ExcludedGroups).DistinctBy(g => g.Id).ToDictionary(g => g.Id, g => g.DisplayName);
        problems = [];
    }

    private string? Problem(string field)
    {
        var messages = problems.Where(p => p.Field == field).Select(p => p.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private void StateChanged(ConditionalAccessState state) => draft = draft with { State = state };

    private void IncludedChanged(IReadOnlyList<string> ids) => draft = draft with { IncludedGroupIds = ids };

    private void ExcludedChanged(IReadOnlyList<string> ids) => draft = draft with { ExcludedGroupIds = ids };

    private void Discard()
    {
        draft = policy!.ToDraft();
        problems = [];
    }

    private async Task SaveAsync()
    {
        if (!canModify || policy is null)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await ConditionalAccess.SavePolicyAsync(draft, policy.Version, actor);
            switch (result.Outcome)
            {
                case ServiceOutcome.Succeeded:
                    Show(result.Value!);
                    conflict = null;
                    Snackbar.Add($"Saved the Conditional Access policy: {ConditionalAccessLabels.State(policy.State)}.", Severity.Success);
                    break;
                case ServiceOutcome.Conflict:
                    conflict = result.Problems[0].Message;
                    break;
                case ServiceOutcome.Forbidden:
                    Snackbar.Add(result.Problems[0].Message, Severity.Error);
                    break;
                default:
                    problems = result.Problems;
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }
}
