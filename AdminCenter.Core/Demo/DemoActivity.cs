using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Wipe;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Demo;

/// <summary>
/// The demo tenant's recent past that no Core service can replay: selective wipe requests and Conditional Access
/// sign-ins. Written through the entities' own factories, and consistent with the registrations' evaluated outcomes.
/// </summary>
internal static class DemoActivity
{
    public const int SignInCount = 30;
    public const string ChromeAppId = "com.google.chrome";

    private const string Admin = "admin@contoso.onmicrosoft.com";
    private const string SystemActor = "AdminCenter";

    private static readonly string[] Resources =
        ["Office 365 Exchange Online", "Office 365 SharePoint Online", "Microsoft Teams", "Contoso Expenses", "Salesforce"];

    public static async Task AddWipeRequestsAndSignInsAsync(
        IDbContextFactory<AdminCenterDbContext> dbFactory, Random random, IReadOnlyDictionary<string, string> groupIds, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registrations = await db.MamRegistrations.AsNoTracking().OrderBy(r => r.UserPrincipalName).ThenBy(r => r.AzureAdDeviceId).ToListAsync(cancellationToken);
        AddWipeRequests(db, random, registrations, now);
        await AddConditionalAccessAsync(db, random, registrations, groupIds, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddWipeRequests(AdminCenterDbContext db, Random random, List<MamRegistration> registrations, DateTime now)
    {
        // Pending: every registration whose outcome is Wipe, and one an admin asked for by hand.
        foreach (var registration in registrations.Where(r => r.Outcome == EvaluationOutcome.Wipe))
        {
            db.WipeRequests.Add(Request(registration, WipeRequestOrigin.Automatic, SystemActor, registration.OutcomeChangedDateTime));
        }
        if (registrations.FirstOrDefault(r => r.UserPrincipalName == "grady.archie@contoso.com" && r.Outcome != EvaluationOutcome.Wipe) is { } manual)
        {
            db.WipeRequests.Add(Request(manual, WipeRequestOrigin.Manual, Admin, now.AddHours(-5)));
        }

        // Completed in the last days (kept 4 days): their registrations are gone, as a successful wipe removes them.
        (string Upn, string DeviceName, bool Succeeded, string Message, int HoursAgo)[] completed =
        [
            ("oliver.bennett@contoso.com", "DESKTOP-Q7M2K8R", true, "Org data removed from Microsoft Edge.", 30),
            ("oliver.bennett@contoso.com", "OLIVER-PC2", true, "Org data removed from Microsoft Edge.", 29),
            ("lee.gu@contoso.com", "LAPTOP-H4TZ9WQ1", false, "Microsoft Edge was uninstalled before the wipe could run.", 52),
        ];
        foreach (var (upn, deviceName, succeeded, message, hoursAgo) in completed)
        {
            var userId = db.DirectoryUsers.Where(u => u.UserPrincipalName == upn).Select(u => u.Id).Single();
            var created = now.AddHours(-hoursAgo);
            var request = WipeRequest.Create(DemoDevices.DeviceId(random), userId, upn, WindowsPolicyDraft.EdgeAppId, DemoDevices.DeviceId(random),
                deviceName, WipeRequestOrigin.Manual, Admin, created);
            request.MarkDelivered(created.AddMinutes(40));
            request.Complete(succeeded, message, created.AddMinutes(41));
            db.WipeRequests.Add(request);
        }
    }

    private static WipeRequest Request(MamRegistration registration, WipeRequestOrigin origin, string createdBy, DateTime created) =>
        WipeRequest.Create(registration.Id, registration.UserId, registration.UserPrincipalName, registration.AppId, registration.AzureAdDeviceId,
            registration.DeviceName, origin, createdBy, created);

    /// <summary>The tenant's policy On for staff and contractors, and sign-ins judged the way the policy judges them.</summary>
    private static async Task AddConditionalAccessAsync(
        AdminCenterDbContext db, Random random, List<MamRegistration> registrations, IReadOnlyDictionary<string, string> groupIds, DateTime now,
        CancellationToken cancellationToken)
    {
        if (!await db.ConditionalAccessPolicies.AnyAsync(cancellationToken))
        {
            var policy = new ConditionalAccessPolicy();
            policy.Change(ConditionalAccessState.On, [groupIds[DemoDirectory.AllStaff], groupIds[DemoDirectory.Contractors]], [], now.AddDays(-14), Admin);
            db.ConditionalAccessPolicies.Add(policy);
        }
        var reasonSets = await ReasonSetStore.LoadAsync(db, registrations.Select(r => r.EvaluationFingerprint), cancellationToken);
        var signIns = new List<SignInLogEntry>(SignInCount);
        for (var i = 0; i < SignInCount; i++)
        {
            var registration = registrations[random.Next(registrations.Count)];
            var resource = Resources[random.Next(Resources.Length)];
            var clientApp = random.Next(6) == 0 ? ChromeAppId : WindowsPolicyDraft.EdgeAppId;
            var storedReasons = reasonSets.TryGetValue(registration.EvaluationFingerprint, out var set) ? ReasonFormat.FromJson(set.ReasonsJson) : [];
            var (granted, reasons, remediation) = Judge(registration, storedReasons, clientApp, resource);
            signIns.Add(new SignInLogEntry(now.AddMinutes(-random.Next(5, 2 * 1440)), registration.UserPrincipalName, registration.UserId,
                registration.AzureAdDeviceId, clientApp, resource, granted, reportOnly: false,
                JsonSerializer.Serialize(reasons), JsonSerializer.Serialize(remediation)));
        }
        db.SignInLogs.AddRange(signIns.OrderBy(s => s.SignInDateTime));
    }

    private static (bool Granted, List<string> Reasons, List<string> Remediation) Judge(
        MamRegistration registration, IReadOnlyList<ExplainedReason> storedReasons, string clientApp, string resource)
    {
        var useEdge = $"Use Microsoft Edge and sign in with your work profile to access {resource}";
        if (clientApp != WindowsPolicyDraft.EdgeAppId)
        {
            return (false, [$"The client app '{clientApp}' is not a policy-managed app: on Windows only Microsoft Edge is managed by app protection"], [useEdge]);
        }
        if (registration.PolicyNames.Length == 0)
        {
            return (false, ["No app protection policy applies to the user in Microsoft Edge, so the app is not policy-managed"], [useEdge]);
        }
        var reasons = storedReasons.Where(r => r.Action != EvaluationOutcome.Allow).ToList();
        var lines = reasons.Select(r => $"{r.PolicyName}: {AppProtectionStatusLabels.Setting(r.Setting)} expected {r.Expected}, actual {r.Actual} ({AppProtectionStatusLabels.ReasonAction(r.Action)})");
        var steps = reasons.Select(r => r.Remediation).Distinct().ToList();
        return registration.Outcome switch
        {
            EvaluationOutcome.Allow => (true, ["App protection allows access on this device"], []),
            EvaluationOutcome.Warn => (true, ["App protection warns on this device; the user may continue", .. lines], steps),
            EvaluationOutcome.Block => (false, ["App protection blocks access on this device", .. lines], steps),
            _ => (false, ["App protection wipes org data on this device; the wipe is pending"],
                ["Your work data is being removed from Microsoft Edge on this device: open Microsoft Edge so the wipe completes, then sign in again with your work profile"]),
        };
    }
}
