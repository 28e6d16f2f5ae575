using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class UserCsvImporterTests
{
    private const string Header = "userPrincipalName,displayName,groups\n";

    [Fact]
    public void Parse_ValidFile_ReadsEveryRowWithRowAndLineNumbers()
    {
        const string csv = Header + "alice@contoso.com,Alice Smith,Sales;Marketing\n\nbob@contoso.com,Bob Jones,\n";

        var result = UserCsvImporter.Parse(csv);

        Assert.True(result.CanImport);
        Assert.Null(result.FileProblem);
        Assert.Collection(result.Rows,
            row =>
            {
                Assert.Equal((1, 2, "alice@contoso.com", "Alice Smith"), (row.RowNumber, row.LineNumber, row.UserPrincipalName, row.DisplayName));
                Assert.Equal(["Sales", "Marketing"], row.Groups);
            },
            row =>
            {
                Assert.Equal((2, 4, "bob@contoso.com", "Bob Jones"), (row.RowNumber, row.LineNumber, row.UserPrincipalName, row.DisplayName));
                Assert.Empty(row.Groups);
            });
    }

    [Theory]
    [InlineData("userPrincipalName,displayName,groups")]
    [InlineData("USERPRINCIPALNAME,DisplayName,Groups")]
    [InlineData(" userprincipalname , displayname , groups ")]
    [InlineData("\"userPrincipalName\",\"displayName\",\"groups\"")]
    public void Parse_HeaderInAnyCase_IsAccepted(string header)
    {
        var result = UserCsvImporter.Parse(header + "\r\nalice@contoso.com,Alice,\r\n");

        Assert.True(result.CanImport);
    }

    [Theory]
    [InlineData("upn,displayName,groups")]
    [InlineData("displayName,userPrincipalName,groups")]
    [InlineData("userPrincipalName,displayName")]
    [InlineData("userPrincipalName,displayName,groups,department")]
    [InlineData("alice@contoso.com,Alice,Sales")]
    public void Parse_WrongHeader_RefusesTheFileAndNamesTheExpectedHeader(string header)
    {
        var result = UserCsvImporter.Parse(header + "\nbob@contoso.com,Bob,\n");

        Assert.False(result.CanImport);
        Assert.Empty(result.Rows);
        Assert.StartsWith("The first line must be the header userPrincipalName,displayName,groups", result.FileProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void Parse_Empty_RefusesTheFile(string? csv)
    {
        var result = UserCsvImporter.Parse(csv);

        Assert.False(result.CanImport);
        Assert.StartsWith("The CSV is empty", result.FileProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeaderOnly_RefusesTheFile()
    {
        var result = UserCsvImporter.Parse(Header + "\n,,\n");

        Assert.False(result.CanImport);
        Assert.Equal("The CSV has a header but no users.", result.FileProblem);
    }

    [Fact]
    public void Parse_QuotedFieldsWithCommasAndQuotes_KeepsThemInOneField()
    {
        const string csv = Header + "\"carol@contoso.com\",\"Smith, Carol \"\"CJ\"\"\",\"Sales, EMEA;Finance\"\n";

        var row = Assert.Single(UserCsvImporter.Parse(csv).Rows);

        Assert.True(row.IsValid);
        Assert.Equal("Smith, Carol \"CJ\"", row.DisplayName);
        Assert.Equal(["Sales, EMEA", "Finance"], row.Groups);
    }

    [Theory]
    [InlineData(",Alice,", DirectoryValidator.UserPrincipalNameRequiredMessage)]
    [InlineData("alice,Alice,", DirectoryValidator.UserPrincipalNameFormatMessage)]
    [InlineData("alice@contoso.com,,", DirectoryValidator.DisplayNameRequiredMessage)]
    [InlineData("alice@contoso.com", DirectoryValidator.DisplayNameRequiredMessage)]
    [InlineData("alice@contoso.com,Smith, Alice,Sales", "The row has 4 fields; expected 3")]
    [InlineData("alice@contoso.com,\"Alice,Sales", "opens a quote that is never closed")]
    public void Parse_InvalidRow_IsRejectedWithTheReason(string line, string expectedReason)
    {
        var result = UserCsvImporter.Parse(Header + "bob@contoso.com,Bob,\n" + line + "\n");

        Assert.False(result.CanImport);
        Assert.Null(result.FileProblem);
        Assert.True(result.Rows[0].IsValid);
        var rejected = result.Rows[1];
        Assert.Equal((2, 3), (rejected.RowNumber, rejected.LineNumber));
        Assert.Contains(rejected.Problems, p => p.StartsWith(expectedReason, StringComparison.Ordinal) || p.Contains(expectedReason, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingUpnAndDisplayName_ReportsBothReasons()
    {
        var row = UserCsvImporter.Parse(Header + ",,Sales\n").Rows.Single();

        Assert.Equal([DirectoryValidator.UserPrincipalNameRequiredMessage, DirectoryValidator.DisplayNameRequiredMessage], row.Problems);
    }

    [Fact]
    public void Parse_SameUpnTwiceInAnyCase_RejectsTheLaterRowAndNamesTheFirst()
    {
        const string csv = Header + "alice@contoso.com,Alice,\nbob@contoso.com,Bob,\nALICE@Contoso.com,Alice again,\n";

        var rows = UserCsvImporter.Parse(csv).Rows;

        Assert.True(rows[0].IsValid);
        Assert.True(rows[1].IsValid);
        Assert.Equal("User principal name ALICE@Contoso.com is also on row 1; each user may appear only once.", Assert.Single(rows[2].Problems));
    }

    [Fact]
    public void Parse_GroupNameTooLong_RejectsTheRow()
    {
        var csv = Header + $"alice@contoso.com,Alice,Sales;{new string('g', 257)}\n";

        var row = UserCsvImporter.Parse(csv).Rows.Single();

        Assert.Contains("is longer than 256 characters", Assert.Single(row.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sales;Marketing", new[] { "Sales", "Marketing" })]
    [InlineData(" Sales ; ;Marketing; ", new[] { "Sales", "Marketing" })]
    [InlineData("Sales;SALES;sales", new[] { "Sales" })]
    [InlineData("", new string[0])]
    [InlineData(null, new string[0])]
    public void SplitGroups_Cell_TrimsDropsBlanksAndDuplicates(string? cell, string[] expected)
    {
        var groups = UserCsvImporter.SplitGroups(cell);

        Assert.Equal(expected, groups);
    }

    [Fact]
    public void Parse_MoreRowsThanTheLimit_RefusesTheFile()
    {
        var lines = Enumerable.Range(0, UserCsvImporter.MaxRows + 1).Select(i => $"user{i}@contoso.com,User {i},");
        var csv = Header + string.Join("\n", lines);

        var result = UserCsvImporter.Parse(csv);

        Assert.False(result.CanImport);
        Assert.Equal("The CSV has more than 50,000 users; split it into smaller files.", result.FileProblem);
    }
}
