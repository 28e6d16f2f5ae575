namespace AdminCenter.E2E.Pages;

/// <summary>Endpoint security > Conditional Access > Classic policies: read-only rows, Delete behind a confirmation.</summary>
public sealed class ClassicPoliciesPage(IPage page) : AdminPage(page)
{
    public ILocator Row(string text) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    public ILocator EmptyState => Page.GetByText("No classic policies");

    /// <summary>Endpoint security, then Conditional Access, then its Classic policies link.</summary>
    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Endpoint security");
        await NavigateAsync("Conditional Access");
        await NavigateAsync("Classic policies");
        await Expect(Heading("Classic policies")).ToBeVisibleAsync();
    }

    /// <summary>Opens the confirmation for <paramref name="policyName"/> and returns it, still open.</summary>
    public async Task<ILocator> AskToDeleteAsync(string policyName)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {policyName}", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        return Dialog;
    }

    public async Task ConfirmDeleteAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }
}
