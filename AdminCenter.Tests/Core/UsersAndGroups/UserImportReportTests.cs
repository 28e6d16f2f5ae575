using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class UserImportReportTests
{
    [Theory]
    [InlineData(UserImportStatus.Created, "Created")]
    [InlineData(UserImportStatus.Updated, "Updated")]
    [InlineData(UserImportStatus.Rejected, "Rejected")]
    [InlineData(UserImportStatus.NotImported, "Not imported")]
    public void ToDisplayName_EachStatus_ReadsAsWords(UserImportStatus status, string expected)
    {
        var text = status.ToDisplayName();

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Summary_TwoRejectedRows_SaysNothingWasImported()
    {
        var report = new UserImportReport(false, null,
        [
            new(1, 2, "a", UserImportStatus.Rejected, "x"),
            new(2, 3, "b", UserImportStatus.Rejected, "y"),
            new(3, 4, "c@contoso.com", UserImportStatus.NotImported, "z"),
        ], []);

        var summary = report.Summary;

        Assert.Equal("Nothing was imported: 2 rows were rejected. Fix them and import the file again.", summary);
    }

    [Fact]
    public void Summary_OneUserUpdatedNoGroups_CountsIt()
    {
        var report = new UserImportReport(true, null, [new(1, 2, "a@contoso.com", UserImportStatus.Updated, "")], []);

        var summary = report.Summary;

        Assert.Equal("Imported 1 user: 0 created, 1 updated.", summary);
    }
}
