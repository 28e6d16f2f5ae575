using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AdminCenter.E2E.Tests;

[CollectionDefinition(Name)]
public sealed class TwoInstanceGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Two instances on one PostgreSQL";

    /// <summary>The trait test.sh selects these tests by, and keeps them out of the three ordinary e2e runs.</summary>
    public const string Category = "TwoInstances";
}

/// <summary>Spec 08: two app processes on one PostgreSQL database, writes spread over both, a policy edited on one.</summary>
[Collection(TwoInstanceGroup.Name)]
[Trait("Category", TwoInstanceGroup.Category)]
public sealed class TwoInstanceTests(TwoInstanceFixture app, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<TwoInstanceFixture>
{
    private const string PolicyPath = "graph/beta/deviceAppManagement/windowsManagedAppProtections";

    [Fact]
    public async Task WritesSpreadOverBothInstances_PolicyEditedOnA_EveryAcknowledgedWriteStoredNewestReportHeldAndOutcomesFollowTheEdit()
    {
        var seed = Random.Shared.Next();
        output.WriteLine($"workload seed {seed}");
        var tenant = await app.TenantAsync();
        var ledger = new TwoInstanceLedger();
        await using var jobs = new JobRunsObserver(app.ConnectionString);
        await using var workload = new TwoInstanceWorkload(app.Http, app, tenant, ledger, seed);
        workload.Start();
        await TwoInstanceWaits.UntilAsync(ledger, () => ledger.AcknowledgedCheckIns >= 60 && ledger.Reports.Count >= 150, "the first writes");

        // Max allowed threat level Low -> Medium, on A, while both instances take writes.
        using var edit = new HttpRequestMessage(HttpMethod.Patch, new Uri(app.A.BaseAddress, $"{PolicyPath}/{tenant.PolicyId}"))
        {
            Content = new StringContent("""{"maximumAllowedDeviceThreatLevel": "medium"}""", Encoding.UTF8, "application/json"),
        };
        edit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TwoInstanceFixture.ApiToken);
        using var edited = await app.Http.SendAsync(edit);
        Assert.True(edited.IsSuccessStatusCode, $"PATCH on A: {(int)edited.StatusCode} {await edited.Content.ReadAsStringAsync()}");
        var atEdit = (ledger.AcknowledgedCheckIns, ledger.Reports.Count);
        await TwoInstanceWaits.UntilAsync(ledger, () => ledger.AcknowledgedCheckIns >= atEdit.AcknowledgedCheckIns + 60 && ledger.Reports.Count >= atEdit.Count + 150
            && TwoInstanceFixture.JobNames.All(job => jobs.PeriodsSeen(job) >= 3), "writes after the edit, and three periods of every background job", jobs);
        await workload.StopAsync();

        output.WriteLine($"acknowledged: {ledger.AcknowledgedCheckIns} check-ins, {ledger.Reports.Count} reports; writes answered by A {ledger.AcknowledgedBy("A")}, by B {ledger.AcknowledgedBy("B")}");
        Assert.Empty(ledger.Unexpected.Take(20));
        Assert.True(ledger.AcknowledgedBy("A") > 0 && ledger.AcknowledgedBy("B") > 0, "one instance answered no write");
        Assert.Equal("medium", await PolicyThreatLevelOnAsync(app.B, tenant.PolicyId));

        var found = await TwoInstanceVerification.AcknowledgedWritesAsync(app, ledger, cutsPossible: false);
        output.WriteLine($"found {found.Devices} registrations with their newest check-in and {found.Reports} reports");
        await TwoInstanceVerification.OutcomesFollowAsync(app, DeviceThreatLevel.Medium);

        var claims = TwoInstanceVerification.JobsRanOncePerPeriod(app, jobs);
        foreach (var job in TwoInstanceFixture.JobNames)
        {
            // Both instances lived throughout: the instance holding a job's lease keeps it.
            var instances = claims.Where(c => c.Name == job).Select(c => app.InstanceOf(c.Instance)!.Name).Distinct().ToList();
            output.WriteLine($"{job}: {jobs.PeriodsSeen(job)} periods, run by {string.Join(" and ", instances)}");
            Assert.True(instances.Count == 1, $"{job} ran on {string.Join(" and ", instances)} while both instances lived");
        }
    }

    [Fact]
    public async Task ChangeSavedByAProcessWithoutWorker_AnInstancesPeriodicCheckRunsThePass()
    {
        // This process saves through Core and runs no re-evaluation worker, like an instance that died right after its
        // commit: no instance is woken, so only the request the save left in the database can start the pass.
        var saved = await app.Get<UserService>().CreateUserAsync(new UserInput($"late.{Guid.NewGuid():N}@contoso.com", "Late joiner"), TestActors.System);
        Assert.True(saved.Succeeded);
        var clock = Stopwatch.StartNew();

        ReevaluationRequestRow state;
        while ((state = await app.QueryAsync(db => ReevaluationRequestRow.ReadAsync(db))).IsPending)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "No instance ran the pass the saved change asked for.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        output.WriteLine($"the pass was completed {clock.Elapsed.TotalSeconds:0.0} s after the save (check period {TwoInstanceFixture.JobPeriod.TotalSeconds:0} s)");
        Assert.Equal(state.RequestedStamp, state.CompletedStamp);
    }

    [Fact]
    public async Task SignIn_OnInstanceA_ItsCookieSignsInOnInstanceB()
    {
        await using var onA = await browser.Browser.NewContextAsync(new() { BaseURL = app.A.BaseAddress.ToString() });
        onA.SetDefaultTimeout(15_000);
        var pageA = await onA.NewPageAsync();
        var signIn = new SignInPage(pageA);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TwoInstanceFixture.AdminEmail, TwoInstanceFixture.AdminPassword);
        var cookies = (await onA.CookiesAsync()).Where(c => c.Name.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(cookies);

        // B never saw this sign-in: it can read the cookie only with the keys A stored in the database.
        await using var onB = await browser.Browser.NewContextAsync(new() { BaseURL = app.B.BaseAddress.ToString() });
        onB.SetDefaultTimeout(15_000);
        await onB.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = app.B.BaseAddress.ToString() }));
        var pageB = await onB.NewPageAsync();
        await pageB.GotoAsync("");
        await new AdminPage(pageB).WaitForInteractiveAsync();
        Assert.StartsWith(app.B.BaseAddress.ToString(), pageB.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("Account/Login", pageB.Url, StringComparison.OrdinalIgnoreCase);

        // Without the cookie B asks for a sign-in: the cookie is what let the admin in.
        await using var anonymous = await browser.Browser.NewContextAsync(new() { BaseURL = app.B.BaseAddress.ToString() });
        var anonymousPage = await anonymous.NewPageAsync();
        await anonymousPage.GotoAsync("");
        await Expect(new SignInPage(anonymousPage).Heading).ToBeVisibleAsync();
    }

    private async Task<string?> PolicyThreatLevelOnAsync(AppProcess instance, string policyId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance.BaseAddress, $"{PolicyPath}/{policyId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TwoInstanceFixture.ApiToken);
        using var response = await app.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET the policy on {instance.Name}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("maximumAllowedDeviceThreatLevel").GetString();
    }
}

/// <summary>Spec 08: one of two instances SIGKILLed during a stream of writes.</summary>
[Collection(TwoInstanceGroup.Name)]
[Trait("Category", TwoInstanceGroup.Category)]
public sealed class TwoInstanceFailoverTests(TwoInstanceFixture app, ITestOutputHelper output) : IClassFixture<TwoInstanceFixture>
{
    // A busy machine's timers fire late; the takeover itself is the survivor's next tick, within one period.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task JobLeaderKilledDuringWrites_OtherKeepsAnsweringTakesOverTheJobsWithinOnePeriodAndNoAcknowledgedWriteIsLost()
    {
        var seed = Random.Shared.Next();
        output.WriteLine($"workload seed {seed}");
        var tenant = await app.TenantAsync();
        var ledger = new TwoInstanceLedger();
        await using var jobs = new JobRunsObserver(app.ConnectionString);
        await using var workload = new TwoInstanceWorkload(app.Http, app, tenant, ledger, seed);
        workload.Start();
        await TwoInstanceWaits.UntilAsync(ledger, () => ledger.AcknowledgedBy("A") >= 40 && ledger.AcknowledgedBy("B") >= 40
            && TwoInstanceFixture.JobNames.All(job => jobs.PeriodsSeen(job) >= 2), "writes on both instances and two periods of every background job", jobs);

        // Kill the instance running most jobs, so that the other has jobs to take over.
        var leaders = TwoInstanceFixture.JobNames.ToDictionary(job => job, job => app.InstanceOf(jobs.Claims.Last(c => c.Name == job).Instance)!);
        var victim = leaders.Values.GroupBy(i => i).MaxBy(g => g.Count())!.Key;
        var survivor = victim == app.A ? app.B : app.A;
        workload.MarkDead(victim);
        await victim.KillAsync();
        var killedAt = DateTime.UtcNow;
        var answeredBySurvivor = ledger.AcknowledgedBy(survivor.Name);
        output.WriteLine($"killed {victim.Name}, which ran {string.Join(", ", leaders.Where(l => l.Value == victim).Select(l => l.Key))}");

        await TwoInstanceWaits.UntilAsync(ledger, () => ledger.AcknowledgedBy(survivor.Name) >= answeredBySurvivor + 80
            && TwoInstanceFixture.JobNames.All(job => jobs.Claims.Any(c => c.Name == job && c.RunDateTime > killedAt && app.InstanceOf(c.Instance) == survivor)),
            $"writes on {survivor.Name} after {victim.Name} was killed, and every job run by {survivor.Name}", jobs);
        await workload.StopAsync();

        output.WriteLine($"acknowledged: {ledger.AcknowledgedCheckIns} check-ins, {ledger.Reports.Count} reports; writes answered by {survivor.Name} " +
            $"{ledger.AcknowledgedBy(survivor.Name)} ({ledger.AcknowledgedBy(survivor.Name) - answeredBySurvivor} after the kill), by {victim.Name} " +
            $"{ledger.AcknowledgedBy(victim.Name)}; {ledger.CutRequests} requests to {victim.Name} cut by the kill");
        Assert.Empty(ledger.Unexpected.Take(20));
        foreach (var (job, leader) in leaders.Where(l => l.Value == victim))
        {
            var takeover = jobs.Claims.First(c => c.Name == job && c.RunDateTime > killedAt && app.InstanceOf(c.Instance) == survivor);
            output.WriteLine($"{job}: {survivor.Name} ran it {(takeover.RunDateTime - killedAt).TotalSeconds:0.0} s after the kill");
            Assert.True(takeover.RunDateTime - killedAt <= TwoInstanceFixture.JobPeriod + TimerSlack,
                $"{job}: {survivor.Name} took it over {(takeover.RunDateTime - killedAt).TotalSeconds:0.0} s after {leader.Name} was killed; the period is {TwoInstanceFixture.JobPeriod.TotalSeconds:0} s");
        }
        TwoInstanceVerification.JobsRanOncePerPeriod(app, jobs);

        var found = await TwoInstanceVerification.AcknowledgedWritesAsync(app, ledger, cutsPossible: true);
        output.WriteLine($"found {found.Devices} registrations with their newest check-in and {found.Reports} reports");
        await TwoInstanceVerification.OutcomesFollowAsync(app, DeviceThreatLevel.Low);
    }
}

internal static class TwoInstanceWaits
{
    /// <summary>
    /// Waits for a state of the stream. The deadline only bounds a hung run (a state is normally reached in seconds), and
    /// a write the instances got wrong ends the wait at once.
    /// </summary>
    public static async Task UntilAsync(TwoInstanceLedger ledger, Func<bool> reached, string what, JobRunsObserver? jobs = null)
    {
        var clock = Stopwatch.StartNew();
        while (!reached())
        {
            Assert.True(ledger.Unexpected.IsEmpty, $"while waiting for {what}: {string.Join(Environment.NewLine, ledger.Unexpected.Take(20))}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"{what} did not happen within 5 minutes: {ledger.AcknowledgedCheckIns} check-ins and " +
                $"{ledger.Reports.Count} reports acknowledged (A answered {ledger.AcknowledgedBy("A")} writes, B {ledger.AcknowledgedBy("B")})" +
                (jobs is null ? "" : "; job runs seen: " + string.Join(", ", jobs.Claims.Select(c => $"{c.Name} {c.PeriodStart:HH:mm:ss} by {c.Instance}")) +
                    (jobs.Errors.Count > 0 ? "; reading JobRuns failed: " + string.Join("; ", jobs.Errors.Take(3)) : "")));
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}

internal static class TwoInstanceVerification
{
    /// <summary>
    /// Every acknowledged check-in's registration holds that check-in's fields or a later one's (of the last rounds, see
    /// <see cref="LedgerDevice"/>); every acknowledged report is stored; each registration's health state is its newest
    /// stored report, and (without cut requests, whose reports may or may not be stored) its newest acknowledged one.
    /// </summary>
    public static async Task<(int Devices, int Reports)> AcknowledgedWritesAsync(TwoInstanceFixture app, TwoInstanceLedger ledger, bool cutsPossible)
    {
        var registrations = (await app.QueryAsync(db => db.MamRegistrations.AsNoTracking().Where(r => r.AppId == WindowsPolicyDraft.EdgeAppId).ToListAsync()))
            .ToDictionary(r => r.AzureAdDeviceId, StringComparer.Ordinal);
        var history = await app.QueryAsync(db => db.HealthReports.AsNoTracking().Where(r => r.ConnectorId == PartnerCatalog.WindowsSecurityCenterId).ToListAsync());

        var devices = 0;
        foreach (var device in ledger.Devices.Where(d => d.AnyAcknowledged))
        {
            Assert.True(registrations.TryGetValue(device.AzureAdDeviceId, out var registration), $"{device.AzureAdDeviceId}: an acknowledged check-in left no registration");
            Assert.Equal(device.UserPrincipalName, registration.UserPrincipalName);
            var stored = LedgerDevice.VersionOf(registration.DeviceName);
            var possible = device.PossibleStoredVersions();
            Assert.True(possible.Contains(stored),
                $"{device.AzureAdDeviceId}: stored '{registration.DeviceName}', expected one of v{string.Join(", v", possible.Order())} (the newest round with an acknowledged check-in, or later)");
            Assert.Equal($"10.0.22631.{stored}", registration.PlatformVersion);
            devices++;
        }

        var storedReports = history.Select(r => (r.AzureAdDeviceId, r.ReportedDateTime.Ticks, r.ThreatLevel)).ToHashSet();
        var missing = ledger.Reports.Where(r => !storedReports.Contains((r.AzureAdDeviceId, r.ReportedUtc.Ticks, Enum.Parse<DeviceThreatLevel>(r.ThreatLevel, ignoreCase: true)))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {ledger.Reports.Count} acknowledged health reports are not stored, e.g. " +
            string.Join(", ", missing.Take(5).Select(r => $"{r.AzureAdDeviceId} {r.ThreatLevel} at {r.ReportedUtc:O} (answered by {r.Instance})")));

        var newestStored = history.GroupBy(r => r.AzureAdDeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReportedDateTime)!, StringComparer.Ordinal);
        var newestAcknowledged = ledger.Reports.GroupBy(r => r.AzureAdDeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReportedUtc)!, StringComparer.Ordinal);
        foreach (var (deviceId, registration) in registrations)
        {
            var newest = newestStored.GetValueOrDefault(deviceId);
            Assert.True((newest?.ThreatLevel, newest?.ReportedDateTime.Ticks) == (registration.ThreatLevel, registration.ThreatReportedDateTime?.Ticks),
                $"{deviceId} holds {registration.ThreatLevel} of {registration.ThreatReportedDateTime:O}, but its newest stored report is {newest?.ThreatLevel} of {newest?.ReportedDateTime:O}");
            if (!cutsPossible && newestAcknowledged.GetValueOrDefault(deviceId) is { } acknowledged)
            {
                Assert.True(((long?)acknowledged.ReportedUtc.Ticks, (DeviceThreatLevel?)Enum.Parse<DeviceThreatLevel>(acknowledged.ThreatLevel, ignoreCase: true))
                    == (registration.ThreatReportedDateTime?.Ticks, registration.ThreatLevel),
                    $"{deviceId} holds {registration.ThreatLevel} of {registration.ThreatReportedDateTime:O}, but its newest acknowledged report is {acknowledged.ThreatLevel} of {acknowledged.ReportedUtc:O}");
            }
        }
        return (devices, ledger.Reports.Count - missing.Count);
    }

    /// <summary>
    /// Every job claimed its periods in order, each period once (one instance, one run time), run inside that period by
    /// one of the two instances. Returns the claims seen.
    /// </summary>
    public static IReadOnlyList<JobClaim> JobsRanOncePerPeriod(TwoInstanceFixture app, JobRunsObserver jobs)
    {
        Assert.Empty(jobs.Errors);
        var claims = jobs.Claims;
        foreach (var job in TwoInstanceFixture.JobNames)
        {
            var ofJob = claims.Where(c => c.Name == job).ToList();
            Assert.True(ofJob.Count > 0, $"{job} never ran");
            foreach (var period in ofJob.GroupBy(c => c.PeriodStart))
            {
                Assert.True(period.Count() == 1, $"{job} ran more than once for the period starting {period.Key:O}: " +
                    string.Join("; ", period.Select(c => $"{c.Instance} at {c.RunDateTime:O}")));
            }
            foreach (var claim in ofJob)
            {
                Assert.True(app.InstanceOf(claim.Instance) is not null, $"{job} was run by '{claim.Instance}', neither instance");
                Assert.True(claim.PeriodStart.Ticks % TwoInstanceFixture.JobPeriod.Ticks == 0 && claim.RunDateTime >= claim.PeriodStart
                    && claim.RunDateTime < claim.PeriodStart + TwoInstanceFixture.JobPeriod,
                    $"{job} ran at {claim.RunDateTime:O} for the period starting {claim.PeriodStart:O}");
            }
            // Seen in order: a later sample never shows an earlier period.
            Assert.Equal(ofJob.Select(c => c.PeriodStart).Order(), ofJob.Select(c => c.PeriodStart));
        }
        return claims;
    }

    /// <summary>
    /// Waits until every registration's outcome is what the policy (max allowed threat level <paramref name="allowed"/>,
    /// Block) makes of its health state: Block without a report or above the level, Allow otherwise. Re-evaluation after a
    /// policy edit runs in the background, so this waits for that state; the deadline only bounds a run that never gets there.
    /// </summary>
    public static async Task OutcomesFollowAsync(TwoInstanceFixture app, DeviceThreatLevel allowed)
    {
        var clock = Stopwatch.StartNew();
        List<string> wrong;
        do
        {
            var registrations = await app.QueryAsync(db => db.MamRegistrations.AsNoTracking()
                .Where(r => r.AppId == WindowsPolicyDraft.EdgeAppId)
                .Select(r => new { r.AzureAdDeviceId, r.ThreatLevel, r.Outcome })
                .ToListAsync());
            wrong = registrations
                .Where(r => r.Outcome != (r.ThreatLevel is { } level && level <= allowed ? EvaluationOutcome.Allow : EvaluationOutcome.Block))
                .Select(r => $"{r.AzureAdDeviceId}: {r.ThreatLevel?.ToString() ?? "no report"} -> {r.Outcome}")
                .ToList();
            if (wrong.Count == 0)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        while (clock.Elapsed < TimeSpan.FromMinutes(2));
        Assert.Fail($"{wrong.Count} registrations do not have the outcome their newest report and the policy give, e.g. {string.Join("; ", wrong.Take(10))}");
    }
}
