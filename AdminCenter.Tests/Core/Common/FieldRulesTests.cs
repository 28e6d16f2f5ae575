using AdminCenter.Core.Common;
using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Tests.Core.Common;

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData(FieldKind.Identifier, 128)]
    [InlineData(FieldKind.UserPrincipalName, 256)]
    [InlineData(FieldKind.Name, 256)]
    [InlineData(FieldKind.Version, 64)]
    [InlineData(FieldKind.Message, 1024)]
    public void MaxLength_EachKind_IsTheDocumentedLimit(FieldKind kind, int expected)
    {
        Assert.Equal(expected, FieldRules.MaxLength(kind));
    }

    [Fact]
    public void UserPrincipalNameMaxLength_IsTheDirectorysLimit()
    {
        Assert.Equal(DirectoryValidator.MaxNameLength, FieldRules.UserPrincipalNameMaxLength);
    }

    [Theory]
    [InlineData("device-1", FieldKind.Identifier)]
    [InlineData("Müller's Surface 😀", FieldKind.Name)]
    [InlineData("line one\r\nline two\tend", FieldKind.Message)]
    [InlineData("", FieldKind.Identifier)]
    public void Find_AcceptableText_IsNone(string value, FieldKind kind)
    {
        Assert.Equal(FieldViolation.None, FieldRules.Find(value, kind));
    }

    [Theory]
    [InlineData("a\0b", FieldKind.Identifier, 0x00)]
    [InlineData("a\nb", FieldKind.Name, 0x0A)]
    [InlineData("a\tb", FieldKind.Version, 0x09)]
    [InlineData("a\u007Fb", FieldKind.Identifier, 0x7F)]
    [InlineData("a\u0085b", FieldKind.Name, 0x85)]
    [InlineData("a\u009Fb", FieldKind.UserPrincipalName, 0x9F)]
    [InlineData("a\0b", FieldKind.Message, 0x00)]
    [InlineData("a\u001Bb", FieldKind.Message, 0x1B)]
    public void Find_ControlCharacter_IsRefusedWithTheCharacter(string value, FieldKind kind, int character)
    {
        Assert.Equal(new FieldViolation(FieldProblem.ControlCharacter, value.Length, character), FieldRules.Find(value, kind));
    }

    [Theory]
    [InlineData(new[] { 'a', '\uD800', 'b' }, 0xD800)]
    [InlineData(new[] { '\uDC00' }, 0xDC00)]
    [InlineData(new[] { '\uDE00', '\uD83D' }, 0xDE00)]
    [InlineData(new[] { 'e', 'n', 'd', '\uD83D' }, 0xD83D)]
    public void Find_UnpairedSurrogate_IsInvalidUnicode(char[] value, int character)
    {
        var violation = FieldRules.Find(value, FieldKind.Message);

        Assert.Equal((FieldProblem.InvalidUnicode, character), (violation.Problem, violation.Character));
    }

    [Fact]
    public void Find_OneOverTheLimit_IsTooLongWithTheLength()
    {
        Assert.Equal(FieldViolation.None, FieldRules.Find(new string('x', 64), FieldKind.Version));
        Assert.Equal(new FieldViolation(FieldProblem.TooLong, 65), FieldRules.Find(new string('x', 65), FieldKind.Version));
    }

    [Fact]
    public void Check_Problems_NameTheFieldAndWhatIsAllowed()
    {
        Assert.Null(FieldRules.Check("deviceName", null, FieldKind.Name));
        Assert.Equal("deviceName is 100,000 characters long; at most 256 are allowed.", FieldRules.Check("deviceName", new string('x', 100_000), FieldKind.Name));
        Assert.Equal("appId contains the control character U+0000; identifiers, names and versions cannot hold control characters.",
            FieldRules.Check("appId", "a\0", FieldKind.Identifier));
        Assert.Equal("message contains the control character U+0007; messages may hold tabs and line breaks but no other control characters.",
            FieldRules.Check("message", "a\a", FieldKind.Message));
        Assert.Equal("upn is not valid Unicode text: it holds an unpaired surrogate (U+D800).", FieldRules.Check("upn", new string(['a', '\uD800']), FieldKind.UserPrincipalName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckRequired_Blank_IsRequiredWithTheLimit(string? value)
    {
        Assert.Equal("azureAdDeviceId is required (at most 128 characters).", FieldRules.CheckRequired("azureAdDeviceId", value, FieldKind.Identifier));
    }
}
