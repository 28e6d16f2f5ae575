using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Common;

/// <summary>Core's services apply the same <see cref="FieldRules"/> as the API's body reader, for callers that are not the API.</summary>
public sealed class FieldRulesInServicesTests : IDisposable
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("deviceName", 257)]
    [InlineData("platformVersion", 65)]
    public async Task CheckInAsync_OverLongDeviceField_IsInvalidAndEnrollsNothing(string field, int length)
    {
        await new UserService(_database, _clock, NullLogger<UserService>.Instance).CreateUserAsync(new UserInput("long@contoso.com", "Long", true), actor: TestActors.System);
        var text = new string('x', length);
        var request = new CheckInRequest("long@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1",
            DeviceName: field == "deviceName" ? text : null, PlatformVersion: field == "platformVersion" ? text : null);

        var result = await CheckIns().CheckInAsync(request);

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(field, Assert.Single(result.Problems).Field);
        Assert.Contains($"at most {length - 1} are allowed", result.Problems[0].Message, StringComparison.Ordinal);
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.MamRegistrations.CountAsync());
    }

    [Fact]
    public async Task CheckInAsync_ControlCharacterInDeviceId_IsInvalid()
    {
        var result = await CheckIns().CheckInAsync(new CheckInRequest("someone@contoso.com", WindowsPolicyDraft.EdgeAppId, "device\0"));

        Assert.Equal("azureAdDeviceId", Assert.Single(result.Problems).Field);
        Assert.Contains("U+0000", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_WipeMessageWithAnEscapeCharacter_IsInvalid()
    {
        var result = await new WipeService(_database, _clock, NullLogger<WipeService>.Instance).CompleteAsync("registration-1", false, "failed\u001b[31m");

        Assert.Equal("message", Assert.Single(result.Problems).Field);
        Assert.Contains("U+001B", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_OverLongErrorMessage_IsInvalidAndTheConnectorStays()
    {
        var connectors = new MtdConnectorService(_database, _clock, NullLogger<MtdConnectorService>.Instance);
        Assert.True((await connectors.CreateAsync(Lookout, null, TestActors.Named("tests"))).Succeeded);

        var result = await connectors.RecordHeartbeatAsync(Lookout, new string('m', FieldRules.MessageMaxLength + 1), errorCode: 17);

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(ConnectorPartnerState.NotSetUp, (await connectors.GetAsync(Lookout))!.State);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_ErrorWithCode_RecordsMessageAndCode()
    {
        var connectors = new MtdConnectorService(_database, _clock, NullLogger<MtdConnectorService>.Instance);
        Assert.True((await connectors.CreateAsync(Lookout, null, TestActors.Named("tests"))).Succeeded);
        await connectors.RecordHeartbeatAsync(Lookout, null);

        var result = await connectors.RecordHeartbeatAsync(Lookout, "license expired\nrenew it", errorCode: 17);

        Assert.Equal(ConnectorPartnerState.Error, result.Value!.State);
        Assert.Contains(result.Value.History, h => h.Cause.EndsWith("license expired\nrenew it (error code 17)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_ControlCharacterInResource_IsInvalidAndLogsNothing()
    {
        var service = new ConditionalAccessService(_database, _clock, NullLogger<ConditionalAccessService>.Instance);

        var result = await service.EvaluateAsync(new SignInRequest("someone@contoso.com", "device-1", WindowsPolicyDraft.EdgeAppId, "SharePoint\u0085"));

        Assert.Equal("resource", Assert.Single(result.Problems).Field);
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.SignInLogs.CountAsync());
    }

    private MamCheckInService CheckIns() => new(_database, new MtdConnectorService(_database, _clock, NullLogger<MtdConnectorService>.Instance),
        _clock, NullLogger<MamCheckInService>.Instance);
}
