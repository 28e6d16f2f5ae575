namespace AdminCenter.E2E.Pages;

public sealed class SignInPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" });

    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public async Task GotoAsync()
    {
        await page.GotoAsync("Account/Login");
        await Expect(Heading).ToBeVisibleAsync();
    }

    public async Task SubmitAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in and waits until the landing page is interactive.</summary>
    public async Task<AdminPage> SignInAsync(string email, string password)
    {
        await SubmitAsync(email, password);
        var landing = new AdminPage(page);
        await landing.WaitForInteractiveAsync();
        return landing;
    }
}
