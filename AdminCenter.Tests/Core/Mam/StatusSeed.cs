using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>Directory users and MAM registrations for the status report's tests, made through the entities' own methods.</summary>
internal sealed class StatusSeed(IDbContextFactory<AdminCenterDbContext> database, DateTime nowUtc)
{
    public DateTime Now { get; } = nowUtc;

    public async Task<DirectoryUser> UserAsync(string userPrincipalName, string displayName)
    {
        var user = DirectoryUser.Create(userPrincipalName, displayName, accountEnabled: true, Now);
        await using var db = await database.CreateDbContextAsync();
        db.DirectoryUsers.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>
    /// A registration of Microsoft Edge on <paramref name="deviceName"/> that last checked in <paramref name="minutesAgo"/>
    /// minutes ago, with the threat level Windows Security Center reported (none when null) and the outcome evaluated.
    /// </summary>
    public async Task<MamRegistration> RegistrationAsync(
        DirectoryUser user,
        string deviceName,
        int minutesAgo,
        EvaluationOutcome outcome = EvaluationOutcome.Allow,
        DeviceThreatLevel? threatLevel = null,
        string policyNames = "",
        string reasonsJson = "[]",
        string? deviceId = null)
    {
        var lastSync = Now.AddMinutes(-minutesAgo);
        var registration = MamRegistration.Enroll(
            user.Id, user.UserPrincipalName, WindowsPolicyDraft.EdgeAppId, deviceId ?? Guid.NewGuid().ToString(), lastSync.AddDays(-3));
        registration.CheckIn(new MamDeviceInfo(deviceName, "Surface Laptop 5", "Microsoft Corporation", "10.0.22631.2506", "120.0.2210.91", "1.2.0"), lastSync);
        if (threatLevel is { } level)
        {
            registration.SeedHealthState(level, lastSync.AddMinutes(-1), PartnerCatalog.WindowsSecurityCenterId);
        }
        // Each registration's reasons in a set of its own, as an evaluation with these reasons would store them.
        var fingerprint = Random.Shared.NextInt64(1, long.MaxValue);
        registration.SetEvaluation(outcome, policyNames, fingerprint, lastSync);
        await using var db = await database.CreateDbContextAsync();
        db.EvaluationReasonSets.Add(new EvaluationReasonSet(fingerprint, reasonsJson, ""));
        db.MamRegistrations.Add(registration);
        await db.SaveChangesAsync();
        return registration;
    }

    public async Task OutcomeChangeAsync(MamRegistration registration, EvaluationOutcome? previous, EvaluationOutcome outcome, int minutesAgo, string summary)
    {
        await using var db = await database.CreateDbContextAsync();
        var fingerprint = Random.Shared.NextInt64(1, long.MaxValue);
        db.EvaluationReasonSets.Add(new EvaluationReasonSet(fingerprint, "[]", summary));
        db.RegistrationOutcomeChanges.Add(new RegistrationOutcomeChange(
            registration.Id, registration.UserId, registration.AppId, registration.AzureAdDeviceId, previous, outcome, Now.AddMinutes(-minutesAgo), fingerprint));
        await db.SaveChangesAsync();
    }
}
