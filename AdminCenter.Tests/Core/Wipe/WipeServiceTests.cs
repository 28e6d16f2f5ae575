using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Wipe;

public sealed class WipeServiceTests : IDisposable
{
    private const string Admin = "admin@contoso.onmicrosoft.com";
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly WipeService _wipes;

    public WipeServiceTests() => _wipes = new WipeService(_database, _time, NullLogger<WipeService>.Instance);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateManualAsync_Registration_IsPendingManualRequestWithDevice()
    {
        var (user, registration) = await EnrolledAsync("megan@contoso.com", "Megan Bowen", "device-1", "MEGAN-LAPTOP");

        var result = await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));

        Assert.True(result.Succeeded);
        var row = result.Value!;
        Assert.Equal((WipeRequestStatus.Pending, WipeRequestOrigin.Manual, Admin), (row.Status, row.Origin, row.CreatedBy));
        Assert.Equal((user.Id, "megan@contoso.com", "Megan Bowen"), (row.UserId, row.UserPrincipalName, row.UserDisplayName));
        Assert.Equal(("MEGAN-LAPTOP", "device-1", Start.UtcDateTime), (row.DeviceName, row.AzureAdDeviceId, row.CreatedDateTime));
        Assert.Null(row.CompletedDateTime);
    }

    [Fact]
    public async Task CreateManualAsync_AlreadyPending_IsConflictNamingTheDevice()
    {
        var (_, registration) = await EnrolledAsync("adele@contoso.com", "Adele Vance", "device-2", "ADELE-PC");
        await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));

        var second = await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Conflict, second.Outcome);
        Assert.Contains("ADELE-PC", second.MessageFor("registrationId"), StringComparison.Ordinal);
        Assert.Equal(1, (await _wipes.ListRequestsAsync(0, 50)).TotalCount);
    }

    [Fact]
    public async Task CreateManualAsync_UnknownRegistration_IsNotFound()
    {
        var result = await _wipes.CreateManualAsync("no-such-registration", TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task RequestAutomaticAsync_CalledTwice_KeepsOnePendingRequest()
    {
        var (_, registration) = await EnrolledAsync("lee@contoso.com", "Lee Gu", "device-3", "LEE-PC");

        var first = await _wipes.RequestAutomaticAsync(registration.Id);
        var second = await _wipes.RequestAutomaticAsync(registration.Id);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(WipeRequestOrigin.Automatic, first.Origin);
        Assert.Equal(WipeService.SystemActor, first.CreatedBy);
        Assert.Equal(1, (await _wipes.ListRequestsAsync(0, 50)).TotalCount);
    }

    [Fact]
    public async Task GetPendingForCheckInAsync_Pending_MarksDeliveredAndStaysPending()
    {
        var (_, registration) = await EnrolledAsync("nestor@contoso.com", "Nestor Wilke", "device-4", "NESTOR-PC");
        await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));
        _time.Advance(TimeSpan.FromMinutes(30));

        var delivered = await _wipes.GetPendingForCheckInAsync(registration.Id);

        Assert.NotNull(delivered);
        Assert.Equal(WipeRequestStatus.Pending, delivered.Status);
        Assert.Equal(Start.UtcDateTime.AddMinutes(30), delivered.DeliveredDateTime);
        Assert.Null(await _wipes.GetPendingForCheckInAsync("another-registration"));
    }

    [Fact]
    public async Task CompleteAsync_Succeeded_IsSuccessfulAndRemovesTheRegistration()
    {
        var (_, registration) = await EnrolledAsync("diego@contoso.com", "Diego Siciliani", "device-5", "DIEGO-PC");
        await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));
        await _wipes.GetPendingForCheckInAsync(registration.Id);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await _wipes.CompleteAsync(registration.Id, succeeded: true, "Org data removed");

        Assert.True(result.Succeeded);
        Assert.Equal((WipeRequestStatus.Successful, "Org data removed", Start.UtcDateTime.AddMinutes(1)),
            (result.Value!.Status, result.Value.Message, result.Value.CompletedDateTime));
        await using var db = _database.CreateDbContext();
        Assert.False(await db.MamRegistrations.AnyAsync(r => r.Id == registration.Id));
    }

    [Fact]
    public async Task CompleteAsync_Failed_IsFailedWithReasonAndKeepsTheRegistration()
    {
        var (_, registration) = await EnrolledAsync("grady@contoso.com", "Grady Archie", "device-6", "GRADY-PC");
        await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));

        var result = await _wipes.CompleteAsync(registration.Id, succeeded: false, "Files were open in another app");

        Assert.Equal((WipeRequestStatus.Failed, "Files were open in another app"), (result.Value!.Status, result.Value.Message));
        await using var db = _database.CreateDbContext();
        Assert.True(await db.MamRegistrations.AnyAsync(r => r.Id == registration.Id));
    }

    [Fact]
    public async Task CompleteAsync_FailedWithoutMessage_GivesAReason()
    {
        var (_, registration) = await EnrolledAsync("irvin@contoso.com", "Irvin Sayers", "device-7", "IRVIN-PC");
        await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin));

        var result = await _wipes.CompleteAsync(registration.Id, succeeded: false, null);

        Assert.False(string.IsNullOrWhiteSpace(result.Value!.Message));
    }

    [Fact]
    public async Task CompleteAsync_NothingPending_IsConflict()
    {
        var (_, registration) = await EnrolledAsync("johanna@contoso.com", "Johanna Lorenz", "device-8", "JOHANNA-PC");

        var result = await _wipes.CompleteAsync(registration.Id, succeeded: true, null);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        await using var db = _database.CreateDbContext();
        Assert.True(await db.MamRegistrations.AnyAsync(r => r.Id == registration.Id));
    }

    [Fact]
    public async Task DeleteAsync_Pending_RemovesTheRequest()
    {
        var (_, registration) = await EnrolledAsync("joni@contoso.com", "Joni Sherman", "device-9", "JONI-PC");
        var request = (await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin))).Value!;

        var result = await _wipes.DeleteAsync(request.Id, TestActors.Named(Admin));

        Assert.True(result.Succeeded);
        Assert.Null(await _wipes.GetRequestAsync(request.Id));
    }

    [Fact]
    public async Task DeleteAsync_Completed_IsConflictSayingOnlyPendingCanBeDeleted()
    {
        var (_, registration) = await EnrolledAsync("lidia@contoso.com", "Lidia Holloway", "device-10", "LIDIA-PC");
        var request = (await _wipes.CreateManualAsync(registration.Id, TestActors.Named(Admin))).Value!;
        await _wipes.CompleteAsync(registration.Id, succeeded: false, "Busy");

        var result = await _wipes.DeleteAsync(request.Id, TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Contains("Only a pending wipe request can be deleted", result.MessageFor("id"), StringComparison.Ordinal);
        Assert.NotNull(await _wipes.GetRequestAsync(request.Id));
    }

    [Fact]
    public async Task ListTargetsAsync_UserWithTwoDevices_ListsBothWithPendingFlag()
    {
        var user = await WipeTestData.AddUserAsync(_database, "miriam@contoso.com", "Miriam Graham", Start.UtcDateTime);
        var laptop = await WipeTestData.EnrollAsync(_database, user, "device-11", "MIRIAM-LAPTOP", Start.UtcDateTime);
        await WipeTestData.EnrollAsync(_database, user, "device-12", "MIRIAM-DESKTOP", Start.UtcDateTime);
        await _wipes.CreateManualAsync(laptop.Id, TestActors.Named(Admin));

        var targets = await _wipes.ListTargetsAsync(user.Id);

        Assert.Equal(["MIRIAM-DESKTOP · Microsoft Edge", "MIRIAM-LAPTOP · Microsoft Edge"], targets.Select(t => t.Label));
        Assert.Equal([false, true], targets.Select(t => t.HasPendingWipe));
    }

    [Fact]
    public async Task CreateForDeviceAsync_KnownDevice_CreatesOneRequestAndIsIdempotent()
    {
        var (_, registration) = await EnrolledAsync("pradeep@contoso.com", "Pradeep Gupta", "device-13", "PRADEEP-PC");

        var first = await _wipes.CreateForDeviceAsync("PRADEEP@contoso.com", "device-13", TestActors.Named("api"));
        var second = await _wipes.CreateForDeviceAsync("pradeep@contoso.com", "device-13", TestActors.Named("api"));

        Assert.Equal((1, 0), (first.Value, second.Value));
        var only = Assert.Single((await _wipes.ListRequestsAsync(0, 50)).Items);
        Assert.Equal(registration.Id, only.RegistrationId);
    }

    [Theory]
    [InlineData("nobody@contoso.com", "device-14", "userPrincipalName")]
    [InlineData("patti@contoso.com", "other-device", "azureAdDeviceId")]
    public async Task CreateForDeviceAsync_UnknownUserOrDevice_IsNotFound(string userPrincipalName, string device, string field)
    {
        await EnrolledAsync("patti@contoso.com", "Patti Fernandez", "device-14", "PATTI-PC");

        var result = await _wipes.CreateForDeviceAsync(userPrincipalName, device, TestActors.Named("api"));

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
        Assert.NotNull(result.MessageFor(field));
    }

    [Fact]
    public async Task AddUserLevelWipeAsync_TwiceThenRemove_ListsOnceThenNone()
    {
        var user = await WipeTestData.AddUserAsync(_database, "alex@contoso.com", "Alex Wilber", Start.UtcDateTime);

        var added = await _wipes.AddUserLevelWipeAsync(user.Id, TestActors.Named(Admin));
        var again = await _wipes.AddUserLevelWipeAsync(user.Id, TestActors.Named(Admin));
        var listed = await _wipes.ListUserLevelWipesAsync();
        var removed = await _wipes.RemoveUserLevelWipeAsync(user.Id, TestActors.Named(Admin));

        Assert.True(added.Succeeded);
        Assert.Equal(ServiceOutcome.Conflict, again.Outcome);
        var row = Assert.Single(listed);
        Assert.Equal(("alex@contoso.com", "Alex Wilber", Admin), (row.UserPrincipalName, row.DisplayName, row.AddedBy));
        Assert.True(removed.Succeeded);
        Assert.Empty(await _wipes.ListUserLevelWipesAsync());
    }

    [Fact]
    public async Task RemoveUserLevelWipeAsync_NotListed_IsNotFound()
    {
        var result = await _wipes.RemoveUserLevelWipeAsync("someone", TestActors.Named(Admin));

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task DeleteExpiredAsync_CompletedOverFourDaysAgo_DeletesOnlyThose()
    {
        var (_, old) = await EnrolledAsync("old@contoso.com", "Old Request", "device-15", "OLD-PC");
        var (_, recent) = await EnrolledAsync("recent@contoso.com", "Recent Request", "device-16", "RECENT-PC");
        var (_, pending) = await EnrolledAsync("pending@contoso.com", "Pending Request", "device-17", "PENDING-PC");
        await _wipes.CreateManualAsync(old.Id, TestActors.Named(Admin));
        await _wipes.CreateManualAsync(recent.Id, TestActors.Named(Admin));
        var stillPending = (await _wipes.CreateManualAsync(pending.Id, TestActors.Named(Admin))).Value!;
        await _wipes.CompleteAsync(old.Id, succeeded: true, null);
        _time.Advance(TimeSpan.FromDays(2));
        await _wipes.CompleteAsync(recent.Id, succeeded: false, "Busy");
        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        var deleted = await _wipes.DeleteExpiredAsync();

        Assert.Equal(1, deleted);
        var left = (await _wipes.ListRequestsAsync(0, 50)).Items;
        Assert.Equal(new[] { recent.Id, stillPending.RegistrationId }.Order(StringComparer.Ordinal),
            left.Select(r => r.RegistrationId).Order(StringComparer.Ordinal));
    }

    private async Task<(DirectoryUser User, MamRegistration Registration)> EnrolledAsync(string upn, string displayName, string device, string deviceName)
    {
        var user = await WipeTestData.AddUserAsync(_database, upn, displayName, Start.UtcDateTime);
        return (user, await WipeTestData.EnrollAsync(_database, user, device, deviceName, Start.UtcDateTime));
    }
}
