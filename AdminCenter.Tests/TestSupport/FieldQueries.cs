using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminCenter.Tests.TestSupport;

/// <summary>A form's fields found as an admin finds them: by their visible label.</summary>
public static class FieldQueries
{
    /// <summary>The input (or textarea) a visible label names.</summary>
    public static IElement InputByLabel<T>(this IRenderedComponent<T> cut, string label)
        where T : class, IComponent
    {
        var labelElement = cut.FindAll("label").First(l => l.TextContent.Trim() == label);
        return cut.Find($"#{labelElement.GetAttribute("for")}");
    }

    /// <summary>The whole MudBlazor field (label, input, helper or error text) a visible label names.</summary>
    public static IElement FieldOf<T>(this IRenderedComponent<T> cut, string label)
        where T : class, IComponent =>
        cut.FindAll(".mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    /// <summary>Types into a field and tabs away, as an admin does.</summary>
    public static void TypeInto<T>(this IRenderedComponent<T> cut, string label, string text)
        where T : class, IComponent
    {
        cut.InputByLabel(label).Input(text);
        cut.InputByLabel(label).Blur();
    }

    /// <summary>
    /// A wizard step whose text fields and footer buttons are drawn as MudBlazor's markup: no MudTextField or MudButton,
    /// and at most <paramref name="budget"/> components in all (by default the blade, the step list and the step's
    /// section), each of which every open tab keeps (BENCHMARKS.md, "Serving cost per open tab").
    /// </summary>
    public static void AssertStepDrawnAsMarkup<T>(this IRenderedComponent<T> cut, int budget = 5)
        where T : class, IComponent
    {
        Assert.InRange(cut.FindComponents<IComponent>().Count, 1, budget);
        Assert.Empty(cut.FindComponents<MudTextField<string>>());
        Assert.Empty(cut.FindComponents<MudButton>());
    }
}
