using AdminCenter.Core.Identity;

namespace AdminCenter.Tests.Core.Identity;

public sealed class FirstRunNoticeTests
{
    [Fact]
    public void Lines_GeneratedPassword_FramesEmailPasswordAndHowToChooseOne()
    {
        var admin = new FirstAdministrator("admin@contoso.onmicrosoft.com", "Abc23456789defghijkmnpqr");

        var lines = FirstRunNotice.Lines(admin, ["http://localhost:5000"]);

        Assert.Matches(@"^\+-+\+$", lines[0]);
        Assert.Equal(lines[0], lines[^1]);
        Assert.All(lines, line => Assert.Equal(lines[0].Length, line.Length));
        Assert.Contains(lines, l => l.Contains("Sign in at http://localhost:5000", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Email:    admin@contoso.onmicrosoft.com", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Password: Abc23456789defghijkmnpqr", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Bootstrap__AdminPassword", StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_ConfiguredPassword_SaysWhereItCameFromAndShowsNoPassword()
    {
        var admin = new FirstAdministrator("ops@contoso.onmicrosoft.com", null);

        var lines = FirstRunNotice.Lines(admin, []);

        Assert.Contains(lines, l => l.Contains("Password: the one set in Bootstrap__AdminPassword.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Sign in at the app's address", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Equal(lines[0].Length, line.Length));
    }
}
