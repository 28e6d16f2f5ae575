using System.Text;
using System.Text.Json;
using AdminCenter.Api;
using AdminCenter.Core.Common;

namespace AdminCenter.Tests.Api;

public sealed class JsonBodySchemaTests
{
    [Fact]
    public void Validate_ValidBody_PassesAndFillsTheValues()
    {
        using var document = Parse("""{"id":"device-1","count":3,"enabled":true,"level":"high","when":"2026-11-25T09:00:00Z","tags":["a"],"inner":{"name":"x"}}""");
        var schema = Schema<Sample>();
        var values = new JsonElement[schema.FieldCount];

        var problem = schema.Validate(document.RootElement, JsonLocation.Root, values);

        Assert.Null(problem);
        Assert.Equal("device-1", values[schema.IndexOf("id")].GetString());
        Assert.Equal(JsonValueKind.Undefined, values[schema.IndexOf("note")].ValueKind);
    }

    [Fact]
    public void Validate_ValidBody_AllocatesNothing()
    {
        // Every item of every health-report batch passes through here: garbage per item was a tenth of a batch's time in
        // collections (BENCHMARKS.md, session 30).
        using var document = Parse("""{"id":"device-1","count":3,"enabled":true,"level":"high","when":"2026-11-25T09:00:00Z","tags":["a"],"inner":{"name":"x"}}""");
        var schema = Schema<Sample>();
        var values = new JsonElement[schema.FieldCount];
        Assert.Null(schema.Validate(document.RootElement, JsonLocation.Root, values));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var problem = schema.Validate(document.RootElement, JsonLocation.Root, values);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(problem);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("""{"id":"x","extra":1}""", "The property 'extra' is not known here; the allowed properties are: id, note, count, enabled, level, when, tags, inner.")]
    [InlineData("""{"id":"x","id":"y"}""", "The property 'id' appears more than once; send each property once.")]
    [InlineData("""{"id":"x","ID":"y"}""", "The property 'id' appears more than once; send each property once.")]
    [InlineData("""{"id":"x","i\u0064":"y"}""", "The property 'id' appears more than once; send each property once.")]
    [InlineData("""{}""", "The required property 'id' is missing.")]
    [InlineData("""{"id":null}""", "The property 'id' cannot be null; it must be a string.")]
    [InlineData("""{"id":5}""", "The property 'id' must be a string.")]
    [InlineData("""{"id":"x","count":2147483648}""", "The property 'count' must be a whole number from -2147483648 to 2147483647.")]
    [InlineData("""{"id":"x","count":1.5}""", "The property 'count' must be a whole number from -2147483648 to 2147483647.")]
    [InlineData("""{"id":"x","enabled":"true"}""", "The property 'enabled' must be true or false.")]
    [InlineData("""{"id":"x","level":"severe"}""", "The property 'level' must be one of \"low\", \"high\".")]
    [InlineData("""{"id":"x","level":"hi\ud800"}""", "The property 'level' must be one of \"low\", \"high\".")]
    [InlineData("""{"id":"x","when":"tomorrow"}""", "The property 'when' must be an ISO 8601 date and time such as 2026-11-22T10:00:00Z.")]
    [InlineData("""{"id":"x","tags":"a"}""", "The property 'tags' must be an array.")]
    [InlineData("""{"id":"x","tags":["a",null]}""", "The item 'tags[1]' cannot be null; it must be a string.")]
    [InlineData("""{"id":"x","tags":["a","b\u0000"]}""", "The item 'tags[1]' contains the control character U+0000; identifiers, names and versions cannot hold control characters.")]
    [InlineData("""{"id":"x","inner":{"name":"x","name":"y"}}""", "The property 'inner.name' appears more than once; send each property once.")]
    [InlineData("""{"id":"x","inner":{"nom":"x"}}""", "The property 'inner.nom' is not known here; the allowed properties are: name.")]
    [InlineData("""{"id":"x","inner":[]}""", "The property 'inner' must be a JSON object.")]
    [InlineData("""{"\ud800":1}""", "The body has a property whose name is not valid Unicode text.")]
    [InlineData("""[]""", "The body must be a JSON object.")]
    public void Validate_BadBody_NamesThePropertyAndTheProblem(string json, string expected)
    {
        using var document = Parse(json);

        Assert.Equal(expected, Schema<Sample>().Validate(document.RootElement, JsonLocation.Root));
    }

    [Theory]
    [InlineData("\"a\\ud800b\"", "The property 'id' is not valid Unicode text: it holds an unpaired surrogate (U+D800).")]
    [InlineData("\"\\ud83d\\ude00 ok \\udc01\"", "The property 'id' is not valid Unicode text: it holds an unpaired surrogate (U+DC01).")]
    [InlineData("\"a\\u0000b\"", "The property 'id' contains the control character U+0000; identifiers, names and versions cannot hold control characters.")]
    [InlineData("\"a\u007fb\"", "The property 'id' contains the control character U+007F; identifiers, names and versions cannot hold control characters.")]
    [InlineData("\"a\u0080b\"", "The property 'id' contains the control character U+0080; identifiers, names and versions cannot hold control characters.")]
    public void Validate_BadText_IsRefusedWithoutParsingExceptionMessages(string value, string expected)
    {
        using var document = Parse($$"""{"id":{{value}}}""");

        Assert.Equal(expected, Schema<Sample>().Validate(document.RootElement, JsonLocation.Root));
    }

    [Fact]
    public void Validate_RawInvalidUtf8_IsNotValidUnicode()
    {
        using var document = JsonDocument.Parse((byte[])[.. "{\"id\":\"a"u8, 0xFF, .. "\"}"u8]);

        Assert.Equal("The property 'id' is not valid Unicode text: it holds bytes that are not UTF-8.", Schema<Sample>().Validate(document.RootElement, JsonLocation.Root));
    }

    [Theory]
    [InlineData(128, null)]
    [InlineData(129, "The property 'id' is 129 characters long; at most 128 are allowed.")]
    public void Validate_IdentifierLength_IsCountedInUtf16Characters(int length, string? expected)
    {
        // 'é' is two UTF-8 bytes but one character: the limit counts characters.
        using var document = Parse($$"""{"id":"{{new string('é', length)}}"}""");

        Assert.Equal(expected, Schema<Sample>().Validate(document.RootElement, JsonLocation.Root));
    }

    [Fact]
    public void Validate_MessageField_AllowsLineBreaksAndTabsButNotOtherControls()
    {
        using var fine = Parse("""{"id":"x","note":"line one\r\nline\ttwo"}""");
        using var bell = Parse("""{"id":"x","note":"ring\u0007"}""");

        Assert.Null(Schema<Sample>().Validate(fine.RootElement, JsonLocation.Root));
        Assert.StartsWith("The property 'note' contains the control character U+0007", Schema<Sample>().Validate(bell.RootElement, JsonLocation.Root), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ItemOfABatch_NamesItsIndexInThePath()
    {
        using var document = Parse("""{"id":"a\u0001"}""");

        var problem = Schema<Sample>().Validate(document.RootElement, JsonLocation.Item("value", 3));

        Assert.StartsWith("The property 'value[3].id' contains the control character U+0001", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownPropertyWithAHugeControlName_ShowsItEscapedAndShortened()
    {
        using var document = Parse($$"""{"id":"x","a\u0000{{new string('b', 1000)}}":1}""");

        var problem = Schema<Sample>().Validate(document.RootElement, JsonLocation.Root)!;

        Assert.StartsWith("The property 'a\\u0000bbb", problem, StringComparison.Ordinal);
        Assert.Contains("...' is not known here", problem, StringComparison.Ordinal);
        Assert.True(problem.Length < 200);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/json; odata.metadata=minimal")]
    public void ContentTypeProblem_JsonInUtf8_IsNone(string contentType)
    {
        Assert.Null(ApiJson.ContentTypeProblem(contentType));
    }

    [Theory]
    [InlineData(null, "no Content-Type")]
    [InlineData("", "no Content-Type")]
    [InlineData("text/plain", "'text/plain' is not supported")]
    [InlineData("text/json", "'text/json' is not supported")]
    [InlineData("application/xml", "'application/xml' is not supported")]
    [InlineData("application/jsonx", "'application/jsonx' is not supported")]
    [InlineData("json", "'json' is not a media type")]
    [InlineData("application/json; charset=utf-16", "charset 'utf-16' is not supported")]
    public void ContentTypeProblem_NotJsonInUtf8_SaysWhatToSend(string? contentType, string expected)
    {
        Assert.Contains(expected, ApiJson.ContentTypeProblem(contentType), StringComparison.Ordinal);
    }

    [Fact]
    public void For_EveryRequestTypeOfTheApi_BuildsASchema()
    {
        var requestTypes = typeof(ApiJson).Assembly.GetTypes()
            .Where(t => t.Namespace == "AdminCenter.Api" && (t.Name.EndsWith("Request", StringComparison.Ordinal) || t.Name == "HealthReportItem"))
            .Append(typeof(AdminCenter.Core.Mam.CheckInRequest))
            .Append(typeof(AdminCenter.Core.ConditionalAccess.SignInRequest))
            .ToList();

        Assert.True(requestTypes.Count >= 7, string.Join(", ", requestTypes.Select(t => t.Name)));
        Assert.All(requestTypes, t => Assert.True(JsonBodySchema.For(ApiJson.Options.GetTypeInfo(t)).FieldCount > 0, t.Name));
    }

    private static JsonDocument Parse(string json) => JsonDocument.Parse(Encoding.UTF8.GetBytes(json));

    private static JsonBodySchema Schema<T>() => JsonBodySchema.For(ApiJson.Options.GetTypeInfo(typeof(T)));

    public enum Level
    {
        Low,
        High,
    }

    public sealed record Inner([FieldKind(FieldKind.Name)] string Name);

    public sealed record Sample(
        [FieldKind(FieldKind.Identifier)] string Id,
        [FieldKind(FieldKind.Message)] string? Note = null,
        int? Count = null,
        bool? Enabled = null,
        Level? Level = null,
        DateTimeOffset? When = null,
        [FieldKind(FieldKind.Identifier)] IReadOnlyList<string>? Tags = null,
        Inner? Inner = null);
}
