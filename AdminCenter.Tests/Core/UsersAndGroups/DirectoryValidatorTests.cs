using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class DirectoryValidatorTests
{
    [Theory]
    [InlineData("alice@contoso.com")]
    [InlineData("Alice.Smith@Contoso.OnMicrosoft.com")]
    [InlineData("o'brien+test@sub.contoso-eu.example")]
    [InlineData("  bob@contoso.com  ")]
    [InlineData("x_y-z@a1.b2")]
    public void CheckUserPrincipalName_NameAtDomain_IsAccepted(string userPrincipalName)
    {
        var problem = DirectoryValidator.CheckUserPrincipalName(userPrincipalName);

        Assert.Null(problem);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@contoso.com")]
    [InlineData("alice@contoso")]
    [InlineData("alice@@contoso.com")]
    [InlineData("al ice@contoso.com")]
    [InlineData("alice@contoso..com")]
    [InlineData("alice@-contoso.com")]
    [InlineData(".alice@contoso.com")]
    [InlineData("alice.@contoso.com")]
    [InlineData("a..b@contoso.com")]
    [InlineData("alice@contoso.com.")]
    [InlineData("alice@con_toso.com")]
    [InlineData("bob@contoso.com,carol@contoso.com")]
    [InlineData("josé@contoso.com")]
    public void CheckUserPrincipalName_NotNameAtDomain_IsRefusedWithTheFormatMessage(string userPrincipalName)
    {
        var problem = DirectoryValidator.CheckUserPrincipalName(userPrincipalName);

        Assert.Equal(DirectoryValidator.UserPrincipalNameFormatMessage, problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckUserPrincipalName_Blank_IsRequired(string? userPrincipalName)
    {
        var problem = DirectoryValidator.CheckUserPrincipalName(userPrincipalName);

        Assert.Equal(DirectoryValidator.UserPrincipalNameRequiredMessage, problem);
    }

    [Theory]
    [InlineData(256, null)]
    [InlineData(257, DirectoryValidator.UserPrincipalNameTooLongMessage)]
    public void CheckUserPrincipalName_Length_IsLimitedTo256(int length, string? expected)
    {
        var userPrincipalName = new string('a', length - "@contoso.com".Length) + "@contoso.com";

        var problem = DirectoryValidator.CheckUserPrincipalName(userPrincipalName);

        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData(null, DirectoryValidator.DisplayNameRequiredMessage)]
    [InlineData("", DirectoryValidator.DisplayNameRequiredMessage)]
    [InlineData("  ", DirectoryValidator.DisplayNameRequiredMessage)]
    [InlineData("Alice Smith", null)]
    public void CheckDisplayName_BlankOrNot_IsRequired(string? displayName, string? expected)
    {
        var problem = DirectoryValidator.CheckDisplayName(displayName);

        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData(256, null)]
    [InlineData(257, DirectoryValidator.DisplayNameTooLongMessage)]
    public void CheckDisplayName_Length_IsLimitedTo256(int length, string? expected)
    {
        var problem = DirectoryValidator.CheckDisplayName(new string('n', length));

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void ValidateUser_BothFieldsWrong_NamesEachGraphField()
    {
        var input = new UserInput("not-an-upn", " ");

        var problems = DirectoryValidator.ValidateUser(input);

        Assert.Collection(problems,
            p => Assert.Equal(("userPrincipalName", DirectoryValidator.UserPrincipalNameFormatMessage), (p.Field, p.Message)),
            p => Assert.Equal(("displayName", DirectoryValidator.DisplayNameRequiredMessage), (p.Field, p.Message)));
        Assert.DoesNotContain(problems, p => p.IsConflict);
    }

    [Theory]
    [InlineData(null, null, "displayName", DirectoryValidator.GroupNameRequiredMessage)]
    [InlineData(" ", "Sales team", "displayName", DirectoryValidator.GroupNameRequiredMessage)]
    [InlineData("Sales", null, null, null)]
    [InlineData("Sales", "", null, null)]
    public void ValidateGroup_Name_IsRequired(string? name, string? description, string? field, string? message)
    {
        var problems = DirectoryValidator.ValidateGroup(new GroupInput(name, description));

        Assert.Equal(field is null ? [] : [(field, message!)], problems.Select(p => (p.Field, p.Message)));
    }

    [Theory]
    [InlineData(256, 1024, 0)]
    [InlineData(257, 1024, 1)]
    [InlineData(256, 1025, 1)]
    [InlineData(257, 1025, 2)]
    public void ValidateGroup_Lengths_NameUpTo256AndDescriptionUpTo1024(int nameLength, int descriptionLength, int expectedProblems)
    {
        var input = new GroupInput(new string('g', nameLength), new string('d', descriptionLength));

        var problems = DirectoryValidator.ValidateGroup(input);

        Assert.Equal(expectedProblems, problems.Count);
        Assert.All(problems, p => Assert.Contains(p.Message, new[] { DirectoryValidator.GroupNameTooLongMessage, DirectoryValidator.DescriptionTooLongMessage }));
    }

    [Fact]
    public void CheckGroupDescription_OverTheLimit_SaysTheLimit()
    {
        var message = DirectoryValidator.CheckGroupDescription(new string('d', DirectoryValidator.MaxDescriptionLength + 1));

        Assert.Equal(DirectoryValidator.DescriptionTooLongMessage, message);
        Assert.Null(DirectoryValidator.CheckGroupDescription(" Sales team "));
    }
}
