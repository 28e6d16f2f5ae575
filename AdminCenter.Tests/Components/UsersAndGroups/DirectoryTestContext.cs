using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace AdminCenter.Tests.Components.UsersAndGroups;

/// <summary>MudTestContext plus the directory's real services on the test's private database.</summary>
public abstract class DirectoryTestContext : MudTestContext
{
    protected DirectoryTestContext()
    {
        UserDirectory = new UserService(Database, Clock, NullLogger<UserService>.Instance);
        GroupDirectory = new GroupService(Database, Clock, NullLogger<GroupService>.Instance);
        UserImport = new UserImportService(Database, Clock, NullLogger<UserImportService>.Instance);
        Services.AddSingleton(UserDirectory);
        Services.AddSingleton(GroupDirectory);
        Services.AddSingleton(UserImport);
    }

    protected UserService UserDirectory { get; }

    protected GroupService GroupDirectory { get; }

    protected UserImportService UserImport { get; }

    protected async Task<UserDetails> CreateUserAsync(string userPrincipalName, string displayName)
    {
        var result = await UserDirectory.CreateUserAsync(new UserInput(userPrincipalName, displayName), actor: TestActors.System);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    protected static IElement Button<T>(IRenderedComponent<T> cut, string text)
        where T : IComponent =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == text);

    /// <summary>The MudTextField (its outer .mud-input-control) whose label reads <paramref name="label"/>.</summary>
    protected static IElement Field<T>(IRenderedComponent<T> cut, string label)
        where T : IComponent =>
        cut.FindAll(".mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    /// <summary>MudBlazor debounces search boxes and autocompletes with the injected clock: let that time pass.</summary>
    protected void ElapseDebounce() => Clock.Advance(TimeSpan.FromSeconds(1));

    /// <summary>
    /// Types <paramref name="value"/> as a browser reports it: input events for fields that listen to them (debounced
    /// ones), a change event for fields bound on change. The field keeps focus; <see cref="TypeAndBlur"/> tabs away.
    /// </summary>
    protected static void Type<T>(IRenderedComponent<T> cut, string label, string value)
        where T : IComponent
    {
        // Each field found and its event fired on the renderer's dispatcher: a page still loading can render in between
        // otherwise, and the found input's handler is then gone (bUnit's UnknownEventHandlerIdException, seen in CI).
        cut.InvokeAsync(() =>
        {
            if (TextInput(cut, label).HasAttribute("blazor:oninput"))
            {
                TextInput(cut, label).Input(value);
            }
        }).GetAwaiter().GetResult();
        cut.InvokeAsync(() =>
        {
            if (TextInput(cut, label).HasAttribute("blazor:onchange"))
            {
                TextInput(cut, label).Change(value);
            }
        }).GetAwaiter().GetResult();
    }

    protected static void TypeAndBlur<T>(IRenderedComponent<T> cut, string label, string value)
        where T : IComponent
    {
        Type(cut, label, value);
        TextInput(cut, label).Blur();
    }

    protected static IElement TextInput<T>(IRenderedComponent<T> cut, string label)
        where T : IComponent
    {
        var field = Field(cut, label);
        return field.QuerySelector("input") ?? field.QuerySelector("textarea")!;
    }

    /// <summary>Types into the user picker labelled <paramref name="label"/> and picks the suggestion for <paramref name="displayName"/>.</summary>
    protected void PickUser<T>(IRenderedComponent<T> cut, IRenderedComponent<MudPopoverProvider> popovers, string label, string text, string displayName)
        where T : IComponent
    {
        Type(cut, label, text);
        ElapseDebounce();
        popovers.WaitForAssertion(() => popovers.InvokeAsync(
            () => popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains(displayName, StringComparison.Ordinal)).Click()).GetAwaiter().GetResult());
        cut.WaitForAssertion(() => Assert.Contains(displayName, cut.Find(".picked-users").TextContent, StringComparison.Ordinal));
    }
}
