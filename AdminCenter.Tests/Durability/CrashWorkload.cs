using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Durability;

/// <summary>The seeded tenant the stream writes to: directory users under a threat-level policy, and the Windows Security Center secret.</summary>
internal sealed record CrashTenant(IReadOnlyList<string> UserPrincipalNames, string ApiToken, string PartnerSecret);

/// <summary>A device a check-in worker owns; version n's check-in sends the fields <see cref="CrashDevice.Fields"/>(n).</summary>
internal sealed class CrashDevice(string azureAdDeviceId, string userPrincipalName)
{
    public string AzureAdDeviceId { get; } = azureAdDeviceId;

    public string UserPrincipalName { get; } = userPrincipalName;

    /// <summary>The highest version sent (acknowledged or not: a request cut by a kill may still have committed).</summary>
    public int Attempted { get; set; }

    /// <summary>The highest version answered 200; 0 when none was.</summary>
    public int Acknowledged { get; set; }

    public (string DeviceName, string DeviceModel, string PlatformVersion) Fields(int version) =>
        ($"Crash PC {AzureAdDeviceId} v{version}", $"Surface crash {version}", $"10.0.22631.{version}");
}

/// <summary>An accepted health report item, identified by device and reported time (unique across the run).</summary>
internal sealed record AcknowledgedReport(string AzureAdDeviceId, DateTime ReportedUtc, string ThreatLevel);

/// <summary>Every write the app acknowledged, across all app lifetimes, and what went wrong that a kill does not explain.</summary>
internal sealed class CrashLedger(DateTime startUtc)
{
    private readonly AcknowledgedDevices<CrashDevice> _acknowledgedDevices = new(startUtc);
    private int _acknowledgedCheckIns;
    private int _cutRequests;

    public ConcurrentBag<CrashDevice> Devices { get; } = [];

    public ConcurrentBag<AcknowledgedReport> Reports { get; } = [];

    public ConcurrentQueue<string> Unexpected { get; } = new();

    public int AcknowledgedCheckIns => Volatile.Read(ref _acknowledgedCheckIns);

    /// <summary>Requests that got no answer because the app was killed under them.</summary>
    public int CutRequests => Volatile.Read(ref _cutRequests);

    public Task FirstDeviceAcknowledged => _acknowledgedDevices.FirstAcknowledged;

    public void CheckInAcknowledged(CrashDevice device, int version, bool first)
    {
        device.Acknowledged = version;
        Interlocked.Increment(ref _acknowledgedCheckIns);
        if (first)
        {
            _acknowledgedDevices.Add(device);
        }
    }

    public CrashDevice RandomAcknowledgedDevice(Random random) => _acknowledgedDevices.Random(random);

    public DateTime NextReportedUtc() => _acknowledgedDevices.NextReportedUtc();

    public void RequestCut() => Interlocked.Increment(ref _cutRequests);
}

/// <summary>
/// One app lifetime's stream: check-in workers (new devices, and new versions of their own devices) and health report
/// workers (batches for devices whose check-in was acknowledged), until <see cref="MarkKilled"/>. A 200 answer is an
/// acknowledged write; a failure after the kill is a cut request; anything else is recorded as unexpected.
/// </summary>
internal sealed class CrashWorkload(HttpClient http, Uri baseAddress, CrashTenant tenant, CrashLedger ledger, int seed)
{
    private const int CheckInWorkers = 4;
    private const int ReportWorkers = 2;
    private const int MaxBatchSize = 40;
    private static readonly string[] ThreatLevels = ["secured", "low", "medium", "high"];

    private readonly TaskCompletionSource _killed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task RunAsync(Func<int> nextDeviceNumber, IReadOnlyList<List<CrashDevice>> ownedDevices)
    {
        var workers = new List<Task>();
        for (var w = 0; w < CheckInWorkers; w++)
        {
            var random = new Random(unchecked((seed * 31) + w));
            var owned = ownedDevices[w];
            workers.Add(Task.Run(() => CheckInLoopAsync(random, nextDeviceNumber, owned)));
        }
        for (var w = 0; w < ReportWorkers; w++)
        {
            var random = new Random(unchecked((seed * 31) + CheckInWorkers + w));
            workers.Add(Task.Run(() => ReportLoopAsync(random)));
        }
        return Task.WhenAll(workers);
    }

    public static IReadOnlyList<List<CrashDevice>> NewOwnership() => Enumerable.Range(0, CheckInWorkers).Select(_ => new List<CrashDevice>()).ToList();

    /// <summary>Called just before the kill: from now on a failed request is the kill's doing.</summary>
    public void MarkKilled() => _killed.TrySetResult();

    private bool Killed => _killed.Task.IsCompleted;

    private async Task CheckInLoopAsync(Random random, Func<int> nextDeviceNumber, List<CrashDevice> owned)
    {
        var checkIn = new Uri(baseAddress, "mam/v1/checkIn");
        while (!Killed)
        {
            CrashDevice device;
            if (owned.Count > 0 && random.Next(3) == 0)
            {
                device = owned[random.Next(owned.Count)];
            }
            else
            {
                var number = nextDeviceNumber();
                device = new CrashDevice($"crash-device-{number}", tenant.UserPrincipalNames[number % tenant.UserPrincipalNames.Count]);
                owned.Add(device);
                ledger.Devices.Add(device);
            }
            var version = ++device.Attempted;
            var (deviceName, deviceModel, platformVersion) = device.Fields(version);
            using var request = new HttpRequestMessage(HttpMethod.Post, checkIn)
            {
                Content = JsonContent.Create(new
                {
                    userPrincipalName = device.UserPrincipalName,
                    appId = WindowsPolicyDraft.EdgeAppId,
                    azureAdDeviceId = device.AzureAdDeviceId,
                    deviceName,
                    deviceModel,
                    deviceManufacturer = "Contoso",
                    platformVersion,
                    appVersion = "131.0.2903.70",
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiToken);
            var answer = await SendAsync(request, $"check-in of {device.AzureAdDeviceId} v{version}");
            if (answer is not null)
            {
                ledger.CheckInAcknowledged(device, version, first: device.Acknowledged == 0);
            }
        }
    }

    private async Task ReportLoopAsync(Random random)
    {
        var healthReports = new Uri(baseAddress, $"partner/v1/connectors/{PartnerCatalog.WindowsSecurityCenterId}/healthReports");
        await Task.WhenAny(ledger.FirstDeviceAcknowledged, _killed.Task);
        while (!Killed)
        {
            var items = new List<(CrashDevice Device, AcknowledgedReport Report)>();
            for (var i = random.Next(1, MaxBatchSize + 1); i > 0; i--)
            {
                var device = ledger.RandomAcknowledgedDevice(random);
                items.Add((device, new AcknowledgedReport(device.AzureAdDeviceId, ledger.NextReportedUtc(), ThreatLevels[random.Next(ThreatLevels.Length)])));
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, healthReports)
            {
                Content = JsonContent.Create(new
                {
                    value = items.Select(i => new
                    {
                        userPrincipalName = i.Device.UserPrincipalName,
                        appId = WindowsPolicyDraft.EdgeAppId,
                        azureAdDeviceId = i.Device.AzureAdDeviceId,
                        threatLevel = i.Report.ThreatLevel,
                        reportedDateTime = i.Report.ReportedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    }),
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.PartnerSecret);
            var answer = await SendAsync(request, $"health report batch of {items.Count}");
            if (answer is null)
            {
                continue;
            }
            foreach (var item in answer.RootElement.GetProperty("value").EnumerateArray())
            {
                var index = item.GetProperty("index").GetInt32();
                if (item.GetProperty("status").GetString() == "accepted")
                {
                    ledger.Reports.Add(items[index].Report);
                }
                else
                {
                    // The device's check-in was acknowledged, so its registration must be there to report on.
                    ledger.Unexpected.Enqueue($"health report for {items[index].Report.AzureAdDeviceId} refused: {item.GetProperty("reason").GetString()}");
                }
            }
            answer.Dispose();
        }
    }

    /// <summary>The 200 answer's body; null for a cut request or an unexpected answer (recorded in the ledger).</summary>
    private async Task<JsonDocument?> SendAsync(HttpRequestMessage request, string what)
    {
        try
        {
            // Not cancelled by MarkKilled: only the kill itself may end a request in flight.
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body);
            }
            ledger.Unexpected.Enqueue($"{what}: {(int)response.StatusCode} {body}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            if (Killed)
            {
                ledger.RequestCut();
            }
            else
            {
                ledger.Unexpected.Enqueue($"{what}: {ex.GetType().Name} {ex.Message}");
            }
        }
        return null;
    }
}
