using AdminCenter.Components.Forms;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using FilterOperator = AdminCenter.Core.Filters.FilterOperator;

namespace AdminCenter.Components.Pages.TenantAdmin.Filters;

public partial class FilterRulesSection
{
    private const string CannotShow = "This rule groups conditions in a way the builder can't show; edit it as text below.";

    private readonly FieldCheck<string> ruleCheck = FieldCheck.For(AssignmentFilterValidator.CheckRule);
    private List<FilterBuilderRow> rows = [FilterRuleBuilder.NewRow()];
    private MudTextField<string>? ruleField;
    private string? builderNote;
    private string? shownRule;
    private FilterPreview? preview;
    private string? previewProblem;
    private bool busy;

    /// <summary>The rule text; the builder's rows follow it whenever they can show it.</summary>
    [Parameter, EditorRequired]
    public string Rule { get; set; } = "";

    [Parameter]
    public EventCallback<string> RuleChanged { get; set; }

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // The rows are rebuilt only when the text changed from outside (the wizard loading a saved filter, or typing).
        if (shownRule != Rule)
        {
            shownRule = Rule;
            if (string.IsNullOrWhiteSpace(Rule))
            {
                builderNote = null;
                return;
            }
            if (FilterRuleBuilder.ToRows(Rule) is { Count: > 0 } parsed)
            {
                rows = [.. parsed];
                builderNote = null;
            }
            else if (FilterRule.Parse(Rule).Rule is not null)
            {
                builderNote = CannotShow;
            }
        }
    }

    private static string ValueHint(FilterBuilderRow row) => row.Operator is FilterOperator.In or FilterOperator.NotIn
        ? "Values separated by commas"
        : FilterRule.IsVersion(row.Property) ? "e.g. 10.0.22631.0" : "e.g. Microsoft Corporation";

    private Task ChangeProperty(int index, FilterProperty property)
    {
        var row = rows[index];
        var op = FilterRule.OperatorsFor(property).Contains(row.Operator) ? row.Operator : FilterRule.OperatorsFor(property)[0];
        return Change(index, row with { Property = property, Operator = op });
    }

    private Task Change(int index, FilterBuilderRow row)
    {
        rows[index] = row;
        return PublishRowsAsync();
    }

    private Task Add()
    {
        rows.Add(FilterRuleBuilder.NewRow());
        return PublishRowsAsync();
    }

    private Task Remove(int index)
    {
        rows.RemoveAt(index);
        return PublishRowsAsync();
    }

    // The builder writes the text; the text field then shows it, and its own check reports any syntax error.
    private async Task PublishRowsAsync()
    {
        var text = FilterRuleBuilder.ToText(rows);
        shownRule = text;
        builderNote = null;
        preview = null;
        await RuleChanged.InvokeAsync(text);
        if (ruleField is not null)
        {
            // The field takes the new Value on this render; validating after it shows a syntax error the rows made.
            await InvokeAsync(StateHasChanged);
            await ruleField.ValidateAsync();
        }
    }

    private async Task SetText(string? text)
    {
        preview = null;
        await RuleChanged.InvokeAsync(text ?? "");
    }

    private async Task PreviewAsync()
    {
        busy = true;
        try
        {
            var result = await FilterService.PreviewAsync(Actor, Rule);
            preview = result.Value;
            previewProblem = result.Succeeded ? null : result.Problems[0].Message;
        }
        finally
        {
            busy = false;
        }
    }
}
