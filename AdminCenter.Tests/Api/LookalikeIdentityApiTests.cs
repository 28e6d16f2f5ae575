using System.Net;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

/// <summary>
/// A user principal name that only looks like a real user's (Unicode lookalikes) reaches no user through any endpoint,
/// and the directory refuses to create it: names are matched ASCII-case-insensitively and otherwise ordinally.
/// </summary>
public sealed class LookalikeIdentityApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Wsc = PartnerCatalog.WindowsSecurityCenterId;
    private const string Resource = "SharePoint Online";
    private static int _userCounter;

    /// <summary>Each row turns the real name (kristin.isaiah.N@contoso.com) into a lookalike.</summary>
    public static TheoryData<string, string, string> Lookalikes => new()
    {
        { "long s (U+017F)", "s", "\u017F" },
        { "dotless i (U+0131)", "i", "\u0131" },
        { "capital I with dot (U+0130)", "i", "\u0130" },
        { "Kelvin sign (U+212A)", "k", "\u212A" },
        { "fullwidth a (U+FF41)", "a", "\uFF41" },
        { "fullwidth commercial at (U+FF20)", "@", "\uFF20" },
        { "Cyrillic a (U+0430)", "a", "\u0430" },
        { "Cyrillic e (U+0435)", "isaiah", "isaiah\u0435" },
        { "Cyrillic i (U+0456)", "i", "\u0456" },
        { "Cyrillic dze (U+0455)", "s", "\u0455" },
        { "Cyrillic o (U+043E)", "o", "\u043E" },
        { "Greek capital kappa (U+039A)", "k", "\u039A" },
        { "combining acute accent", "n", "n\u0301" },
        { "zero-width space", ".", "\u200B." },
    };

    [Theory]
    [MemberData(nameof(Lookalikes))]
    public async Task EveryEndpoint_LookalikeOfEnrolledUser_ReachesNoUserAndChangesNothing(string kind, string original, string replacement)
    {
        var (upn, userId, device, partner) = await EnrolledUserAsync();
        var lookalike = ReplaceFirst(upn, original, replacement);
        Assert.NotEqual(upn, lookalike);
        var before = await SnapshotAsync(userId, device);
        var mam = api.CreateMamClient();

        var checkIn = await mam.PostAsJsonAsync("/mam/v1/checkIn", CheckInBody(lookalike, device));
        var signIn = await mam.PostAsJsonAsync("/ca/v1/evaluate",
            new { userPrincipalName = lookalike, azureAdDeviceId = device, clientAppId = WindowsPolicyDraft.EdgeAppId, resource = Resource });
        var report = await partner.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", new
        {
            userPrincipalName = lookalike,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            threatLevel = "high",
            reportedDateTime = api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
        var signOut = await mam.PostAsJsonAsync("/mam/v1/signOut", new { userPrincipalName = lookalike, appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = device });
        var wipe = await mam.PostAsJsonAsync($"/graph/beta/users/{Uri.EscapeDataString(lookalike)}/wipeManagedAppRegistrationsByAzureAdDeviceId",
            new { azureAdDeviceId = device });
        var created = await api.Get<UserService>().CreateUserAsync(new UserInput(lookalike, "Lookalike", true), actor: TestActors.System);

        Assert.True(checkIn.StatusCode == HttpStatusCode.NotFound, $"{kind}: check-in answered {checkIn.StatusCode}");
        Assert.True(signIn.StatusCode == HttpStatusCode.NotFound, $"{kind}: Conditional Access answered {signIn.StatusCode}");
        Assert.True(signOut.StatusCode == HttpStatusCode.NotFound, $"{kind}: sign-out answered {signOut.StatusCode}");
        Assert.True(wipe.StatusCode == HttpStatusCode.NotFound, $"{kind}: wipe answered {wipe.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var answer = (await MamApiTests.JsonAsync(report)).GetProperty("value")[0];
        Assert.Equal("refused", answer.GetProperty("status").GetString());
        Assert.Contains("unknown user", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(created.Succeeded, $"{kind}: the directory accepted '{lookalike}'");
        Assert.Equal(before, await SnapshotAsync(userId, device));
    }

    [Fact]
    public async Task CheckIn_AsciiCaseVariantOfEnrolledUser_ReachesThatUser()
    {
        var (upn, userId, device, _) = await EnrolledUserAsync();
        var registrationId = await api.QueryAsync(db => db.MamRegistrations.Where(r => r.AzureAdDeviceId == device).Select(r => r.Id).SingleAsync());

        var response = await api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn", CheckInBody(upn.ToUpperInvariant(), device));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(registrationId, (await MamApiTests.JsonAsync(response)).GetProperty("registrationId").GetString());
        Assert.Equal(userId, await api.QueryAsync(db => db.MamRegistrations.Where(r => r.Id == registrationId).Select(r => r.UserId).SingleAsync()));
    }

    [Fact]
    public async Task CreateUser_AsciiCaseVariantOfExistingUser_IsRefusedAsTaken()
    {
        var upn = NewUpn();
        await api.CreateUserAsync(upn);

        var result = await api.Get<UserService>().CreateUserAsync(new UserInput(upn.ToUpperInvariant(), "Duplicate", true), actor: TestActors.System);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Field == DirectoryValidator.UserPrincipalNameField);
    }

    private static string NewUpn() => $"kristin.isaiah.{Interlocked.Increment(ref _userCounter)}{Environment.TickCount64 % 100000}@contoso.com";

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var index = text.IndexOf(original, StringComparison.Ordinal);
        return text[..index] + replacement + text[(index + original.Length)..];
    }

    private static object CheckInBody(string upn, string device) => new
    {
        userPrincipalName = upn,
        appId = WindowsPolicyDraft.EdgeAppId,
        azureAdDeviceId = device,
        platformVersion = "10.0.22631.4000",
        appVersion = "131.0.2903.70",
    };

    /// <summary>A user in a policy group, checked in on a new device, and a partner client for Windows Security Center.</summary>
    private async Task<(string Upn, string UserId, string Device, HttpClient Partner)> EnrolledUserAsync()
    {
        var secret = await api.ConnectorWithSecretAsync(Wsc);
        var upn = NewUpn();
        var userId = await api.CreateUserAsync(upn);
        var group = await api.CreateGroupAsync($"Lookalike {Guid.NewGuid():N}", userId);
        await api.CreatePolicyAsync($"Lookalike {Guid.NewGuid():N}", group,
            new HealthCheckRow(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "low", HealthCheckAction.Block));
        var device = MamApiTests.NewDevice();
        var checkIn = await api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn", CheckInBody(upn, device));
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        return (upn, userId, device, api.CreatePartnerClient(secret));
    }

    /// <summary>Everything a lookalike could change: users, the device's registrations and reports, wipes, sign-ins.</summary>
    private Task<string> SnapshotAsync(string userId, string device) => api.QueryAsync(async db =>
    {
        var registrations = await db.MamRegistrations.AsNoTracking().Where(r => r.AzureAdDeviceId == device)
            .Select(r => new { r.Id, r.UserId, r.ThreatLevel, r.Outcome, r.LastCheckInDateTime }).ToListAsync();
        return string.Join(" | ",
            $"users {await db.DirectoryUsers.CountAsync()}",
            $"registrations {string.Join(",", registrations)}",
            $"user registrations {await db.MamRegistrations.CountAsync(r => r.UserId == userId)}",
            $"reports {await db.HealthReports.CountAsync(r => r.AzureAdDeviceId == device)}",
            $"wipes {await db.WipeRequests.CountAsync()}",
            $"sign-ins {await db.SignInLogs.CountAsync()}");
    });
}
