using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class DirectoryUserTests
{
    [Theory]
    [InlineData("isaiah.langer@contoso.com", "ISAIAH.LANGER@CONTOSO.COM")]
    [InlineData("  Isaiah.Langer@Contoso.com ", "ISAIAH.LANGER@CONTOSO.COM")]
    [InlineData("o'brien+tag@contoso.com", "O'BRIEN+TAG@CONTOSO.COM")]
    public void Normalize_AsciiName_UpperCasesAsciiLettersOnly(string userPrincipalName, string expected)
    {
        var normalized = DirectoryUser.Normalize(userPrincipalName);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("i\u017Faiah.langer@contoso.com")]
    [InlineData("\u0131saiah.langer@contoso.com")]
    [InlineData("\u0130saiah.langer@contoso.com")]
    [InlineData("\u212Aelvin@contoso.com")]
    [InlineData("\uFF49saiah.langer@contoso.com")]
    [InlineData("is\u0430iah.langer@contoso.com")]
    [InlineData("isai\u0430h.langer@contoso.com")]
    public void Normalize_UnicodeLookalike_NeverEqualsTheAsciiName(string lookalike)
    {
        var asciiOriginal = lookalike
            .Replace('\u017F', 's').Replace('\u0131', 'i').Replace('\u0130', 'i').Replace('\u212A', 'k')
            .Replace('\uFF49', 'i').Replace('\u0430', 'a');

        var normalized = DirectoryUser.Normalize(lookalike);

        Assert.NotEqual(DirectoryUser.Normalize(asciiOriginal), normalized);
    }
}
