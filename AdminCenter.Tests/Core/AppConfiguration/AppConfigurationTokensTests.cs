using AdminCenter.Core.AppConfiguration;

namespace AdminCenter.Tests.Core.AppConfiguration;

public sealed class AppConfigurationTokensTests
{
    private static readonly TokenUser Megan = new("6e1f2a3b-0000-4000-8000-000000000001", "megan.bowen@contoso.com", "Megan Bowen");
    private static readonly TokenUser Alex = new("6e1f2a3b-0000-4000-8000-000000000002", "alex.wilber@contoso.com", "Alex Wilber");

    [Theory]
    [InlineData("{{userprincipalname}}", "megan.bowen@contoso.com")]
    [InlineData("{{UserPrincipalName}}", "megan.bowen@contoso.com")]
    [InlineData("{{mail}}", "megan.bowen@contoso.com")]
    [InlineData("{{PrimarySMTPAddress}}", "megan.bowen@contoso.com")]
    [InlineData("{{partialupn}}", "megan.bowen")]
    [InlineData("{{accountid}}", "6e1f2a3b-0000-4000-8000-000000000001")]
    [InlineData("{{userid}}", "6e1f2a3b-0000-4000-8000-000000000001")]
    [InlineData("{{username}}", "Megan Bowen")]
    [InlineData("https://contoso.com/home?u={{partialupn}}&id={{userid}}", "https://contoso.com/home?u=megan.bowen&id=6e1f2a3b-0000-4000-8000-000000000001")]
    [InlineData("no tokens here", "no tokens here")]
    [InlineData("{{unknown}} stays", "{{unknown}} stays")]
    public void Replace_Token_BecomesUsersValue(string value, string expected)
    {
        var replaced = AppConfigurationTokens.Replace(value, Megan);

        Assert.Equal(expected, replaced);
    }

    [Fact]
    public void Replace_SameValueTwoUsers_EachGetsTheirOwn()
    {
        const string value = "{{userprincipalname}}";

        var forMegan = AppConfigurationTokens.Replace(value, Megan);
        var forAlex = AppConfigurationTokens.Replace(value, Alex);

        Assert.Equal("megan.bowen@contoso.com", forMegan);
        Assert.Equal("alex.wilber@contoso.com", forAlex);
    }

    [Theory]
    [InlineData("{{userprincipalname}}", null)]
    [InlineData("{{upn}}", "{{upn}}")]
    [InlineData("a {{mail}} and {{email}}", "{{email}}")]
    public void FindUnknown_TokenLikeText_ReturnsFirstUnknown(string value, string? expected)
    {
        var unknown = AppConfigurationTokens.FindUnknown(value);

        Assert.Equal(expected, unknown);
    }
}
