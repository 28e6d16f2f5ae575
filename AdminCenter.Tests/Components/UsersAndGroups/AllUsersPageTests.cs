using AdminCenter.Components.Pages.Users;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;

namespace AdminCenter.Tests.Components.UsersAndGroups;

public sealed class AllUsersPageTests : DirectoryTestContext
{
    [Fact]
    public async Task AllUsersPage_ExistingUsers_ListsThemSortedWithAccountState()
    {
        await CreateUserAsync("zoe@contoso.com", "Zoe Adams");
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        await UserDirectory.SetAccountEnabledAsync(alice.Id, false, actor: TestActors.System);

        var cut = Render<AllUsersPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".users-table tbody tr").Count));
        var rows = cut.FindAll(".users-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["Alice Smith", "alice@contoso.com", "No"], rows[0]);
        Assert.Equal(["Zoe Adams", "zoe@contoso.com", "Yes"], rows[1]);
        Assert.Equal($"/users/{alice.Id}", cut.Find(".users-table tbody tr a").GetAttribute("href"));
        cut.WaitForAssertion(() => Assert.Contains("1-2 of 2", cut.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_PartOfUpn_ShowsOnlyMatchingUsers()
    {
        await CreateUserAsync("alice@contoso.com", "Alice Smith");
        await CreateUserAsync("bob@fabrikam.com", "Bob Jones");
        var cut = Render<AllUsersPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".users-table tbody tr").Count));

        Type(cut, "Search", "FABRIKAM");
        ElapseDebounce();

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll(".users-table tbody tr"));
            Assert.Contains("Bob Jones", row.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task NewUser_InvalidUpn_ShowsTheMessageAtTheFieldAndSavesNothing()
    {
        var cut = Render<AllUsersPage>();
        Button(cut, "New user").Click();
        cut.WaitForAssertion(() => Field(cut, "User principal name"));

        Type(cut, "User principal name", "alice");
        Type(cut, "Display name", "Alice");
        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.UserPrincipalNameFormatMessage, Field(cut, "User principal name").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(DirectoryValidator.DisplayNameRequiredMessage, cut.Markup, StringComparison.Ordinal);
        Assert.Equal(0, (await UserDirectory.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task NewUser_EmptyFields_ShowsBothMessagesAtTheirFields()
    {
        var cut = Render<AllUsersPage>();
        Button(cut, "New user").Click();
        cut.WaitForAssertion(() => Field(cut, "User principal name"));

        Button(cut, "Create").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains(DirectoryValidator.UserPrincipalNameRequiredMessage, Field(cut, "User principal name").TextContent, StringComparison.Ordinal);
            Assert.Contains(DirectoryValidator.DisplayNameRequiredMessage, Field(cut, "Display name").TextContent, StringComparison.Ordinal);
        });
        Assert.Equal(0, (await UserDirectory.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task NewUser_UpnTakenInOtherCase_ShowsTheConflictAtTheUpnField()
    {
        await CreateUserAsync("alice@contoso.com", "Alice");
        var cut = Render<AllUsersPage>();
        Button(cut, "New user").Click();
        cut.WaitForAssertion(() => Field(cut, "User principal name"));

        Type(cut, "User principal name", "ALICE@contoso.com");
        Type(cut, "Display name", "Another Alice");
        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Contains("A user with the user principal name ALICE@contoso.com already exists.",
            Field(cut, "User principal name").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, (await UserDirectory.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task NewUser_ValidWithAccountSwitchedOff_CreatesDisabledUserAndListsIt()
    {
        var cut = Render<AllUsersPage>();
        Button(cut, "New user").Click();
        cut.WaitForAssertion(() => Field(cut, "User principal name"));

        Type(cut, "User principal name", "carol@contoso.com");
        Type(cut, "Display name", "Carol White");
        cut.Find(".side-pane input[type='checkbox']").Change(false);
        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Contains("Carol White", cut.Find(".users-table tbody").TextContent, StringComparison.Ordinal));
        var stored = Assert.Single((await UserDirectory.ListUsersAsync(null, 0, 50)).Items);
        Assert.Equal(("carol@contoso.com", "Carol White", false), (stored.UserPrincipalName, stored.DisplayName, stored.AccountEnabled));
        Assert.Empty(cut.FindAll(".side-pane .upn-field"));
    }

    [Fact]
    public async Task Import_OneRejectedRow_ShowsTheReportAndImportsNothing()
    {
        var cut = Render<AllUsersPage>();
        Button(cut, "Import").Click();
        cut.WaitForAssertion(() => Field(cut, "CSV"));

        TypeAndBlur(cut, "CSV", "userPrincipalName,displayName,groups\nalice@contoso.com,Alice,Sales\nbob,Bob,Sales\n,Carol,\n");
        cut.WaitForAssertion(() => cut.FindAll(".side-pane button").First(b => b.TextContent.Trim() == "Import" && !b.HasAttribute("disabled")).Click());

        cut.WaitForAssertion(() => Assert.Contains("Nothing was imported", cut.Find(".import-summary").TextContent, StringComparison.Ordinal));
        var rows = cut.FindAll(".import-report tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "2", "alice@contoso.com", "Not imported"], rows[0].Take(4));
        Assert.Equal(["2", "3", "bob", "Rejected", DirectoryValidator.UserPrincipalNameFormatMessage], rows[1]);
        Assert.Equal(["3", "4", "", "Rejected", DirectoryValidator.UserPrincipalNameRequiredMessage], rows[2]);
        Assert.Contains("2 rows were rejected", cut.Find(".import-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, (await UserDirectory.ListUsersAsync(null, 0, 50)).TotalCount);
        Assert.Equal(0, (await GroupDirectory.ListGroupsAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task Import_ValidFile_ReportsCreatedRowsAndListsTheUsers()
    {
        var cut = Render<AllUsersPage>();
        Button(cut, "Import").Click();
        cut.WaitForAssertion(() => Field(cut, "CSV"));

        TypeAndBlur(cut, "CSV", "userPrincipalName,displayName,groups\nalice@contoso.com,Alice,Sales\n\"bob@contoso.com\",\"Jones, Bob\",Sales;Finance\n");
        cut.WaitForAssertion(() => cut.FindAll(".side-pane button").First(b => b.TextContent.Trim() == "Import" && !b.HasAttribute("disabled")).Click());

        cut.WaitForAssertion(() => Assert.Contains("Imported 2 users", cut.Find(".import-summary").TextContent, StringComparison.Ordinal));
        Assert.Equal(["Created", "Created"], cut.FindAll(".import-report tbody tr").Select(r => r.QuerySelectorAll("td")[3].TextContent.Trim()));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".users-table tbody tr").Count));
        Assert.Equal(2, (await GroupDirectory.ListGroupsAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public void Import_ChooseFile_PutsTheFileIntoTheCsvField()
    {
        const string csv = "userPrincipalName,displayName,groups\nalice@contoso.com,Alice,\n";
        var cut = Render<AllUsersPage>();
        Button(cut, "Import").Click();
        cut.WaitForAssertion(() => Field(cut, "CSV"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "users.csv", contentType: "text/csv"));

        cut.WaitForAssertion(() => Assert.Equal(csv, Field(cut, "CSV").QuerySelector("textarea")!.GetAttribute("value")));
        Assert.Contains("users.csv", cut.Find(".side-pane").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewUser_InvalidUpnThenBlur_ShowsTheMessageBeforeCreateAndKeepsIt()
    {
        var cut = Render<AllUsersPage>();
        Button(cut, "New user").Click();
        cut.WaitForAssertion(() => Field(cut, "User principal name"));

        TypeAndBlur(cut, "User principal name", "alice");

        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.UserPrincipalNameFormatMessage, Field(cut, "User principal name").TextContent, StringComparison.Ordinal));
        TextInput(cut, "User principal name").Blur();
        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.UserPrincipalNameFormatMessage, Field(cut, "User principal name").TextContent, StringComparison.Ordinal));
        Assert.Equal("alice", TextInput(cut, "User principal name").GetAttribute("value"));

        TypeAndBlur(cut, "User principal name", "alice@contoso.com");

        cut.WaitForAssertion(() => Assert.DoesNotContain(DirectoryValidator.UserPrincipalNameFormatMessage, Field(cut, "User principal name").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, (await UserDirectory.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public void Import_ActionsAndEmptyCsv_SayCancelAndWhyImportIsDisabled()
    {
        var cut = Render<AllUsersPage>();
        Button(cut, "Import").Click();
        cut.WaitForAssertion(() => Field(cut, "CSV"));

        var actions = cut.FindAll(".side-pane .pane-actions button").Select(b => b.TextContent.Trim()).ToList();

        Assert.Equal(["Import", "Cancel"], actions);
        Assert.Contains("choose a file or paste the CSV", cut.Find(".side-pane [data-testid='disabled-reason']").TextContent, StringComparison.Ordinal);
        cut.FindAll(".side-pane button").First(b => b.TextContent.Trim() == "Cancel").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".side-pane .csv-field")));
    }
}
