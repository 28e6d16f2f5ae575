using AdminCenter.Components.Account;

namespace AdminCenter.Tests.Components.Account;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/apps/app-protection", "/apps/app-protection")]
    [InlineData("/users/42?tab=history", "/users/42?tab=history")]
    [InlineData("/", "/")]
    [InlineData("~/groups", "/groups")]
    public void LocalOrHome_LocalPath_ReturnsIt(string returnUrl, string expected)
    {
        var target = ReturnUrl.LocalOrHome(returnUrl);

        Assert.Equal(expected, target);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/apps")]
    [InlineData("http://localhost:5000/apps")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("~//evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("apps/app-protection")]
    public void LocalOrHome_AbsoluteOrOtherHost_ReturnsHome(string? returnUrl)
    {
        var target = ReturnUrl.LocalOrHome(returnUrl);

        Assert.Equal("/", target);
    }
}
