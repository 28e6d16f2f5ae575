using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Core.Wipe;

/// <summary>Seeds directory users and their MAM registrations straight into a test database.</summary>
internal static class WipeTestData
{
    public static async Task<DirectoryUser> AddUserAsync(TestDatabase database, string userPrincipalName, string displayName, DateTime nowUtc)
    {
        await using var db = database.CreateDbContext();
        var user = db.DirectoryUsers.Add(DirectoryUser.Create(userPrincipalName, displayName, accountEnabled: true, nowUtc)).Entity;
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<MamRegistration> EnrollAsync(TestDatabase database, DirectoryUser user, string azureAdDeviceId, string deviceName, DateTime nowUtc)
    {
        await using var db = database.CreateDbContext();
        var registration = MamRegistration.Enroll(user.Id, user.UserPrincipalName, WindowsPolicyDraft.EdgeAppId, azureAdDeviceId, nowUtc);
        registration.CheckIn(new MamDeviceInfo(deviceName, null, null, null, null, null), nowUtc);
        db.MamRegistrations.Add(registration);
        await db.SaveChangesAsync();
        return registration;
    }
}
