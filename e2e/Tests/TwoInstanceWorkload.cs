using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.E2E.Fixtures;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// A device a check-in worker owns. Its check-ins go in rounds: one check-in, or two at once (versions v and v+1, one to
/// each instance). A round starts only when the previous one has ended, so the stored version is one of the versions of
/// the last round with an acknowledged check-in, or of a later round whose requests a kill cut (they may have committed).
/// </summary>
internal sealed class LedgerDevice(string azureAdDeviceId, string userPrincipalName)
{
    private readonly List<(int[] Versions, int Acknowledged)> _rounds = [];

    public string AzureAdDeviceId { get; } = azureAdDeviceId;

    public string UserPrincipalName { get; } = userPrincipalName;

    public int LastVersion { get; private set; }

    public bool AnyAcknowledged => _rounds.Any(r => r.Acknowledged > 0);

    public int[] NextRound(int checkIns)
    {
        var versions = Enumerable.Range(LastVersion + 1, checkIns).ToArray();
        LastVersion += checkIns;
        _rounds.Add((versions, 0));
        return versions;
    }

    public void RoundEnded(int acknowledged) => _rounds[^1] = (_rounds[^1].Versions, acknowledged);

    /// <summary>The versions the stored registration may hold.</summary>
    public IReadOnlySet<int> PossibleStoredVersions()
    {
        var lastAcknowledged = _rounds.FindLastIndex(r => r.Acknowledged > 0);
        return _rounds.Skip(Math.Max(lastAcknowledged, 0)).SelectMany(r => r.Versions).ToHashSet();
    }

    public string DeviceName(int version) => $"Two PC {AzureAdDeviceId} v{version}";

    public static int VersionOf(string? deviceName) =>
        deviceName is not null && deviceName.LastIndexOf(" v", StringComparison.Ordinal) is var at and >= 0
            && int.TryParse(deviceName.AsSpan(at + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
}

/// <summary>An accepted health report item, identified by device and reported time (unique across the run).</summary>
internal sealed record LedgerReport(string AzureAdDeviceId, DateTime ReportedUtc, string ThreatLevel, string Instance);

/// <summary>Every write an instance acknowledged, and what went wrong that a kill does not explain.</summary>
internal sealed class TwoInstanceLedger
{
    // Starting well in the past so no report is "in the future".
    private readonly AcknowledgedDevices<LedgerDevice> _acknowledgedDevices = new(DateTime.UtcNow.AddDays(-20));
    private readonly ConcurrentDictionary<string, int> _acknowledgedBy = new(StringComparer.Ordinal);

    public ConcurrentBag<LedgerDevice> Devices { get; } = [];

    public ConcurrentBag<LedgerReport> Reports { get; } = [];

    public ConcurrentQueue<string> Unexpected { get; } = new();

    public int CutRequests => _acknowledgedBy.GetValueOrDefault("cut");

    public Task FirstDeviceAcknowledged => _acknowledgedDevices.FirstAcknowledged;

    /// <summary>Acknowledged check-ins and report batches, by the instance that answered.</summary>
    public int AcknowledgedBy(string instance) => _acknowledgedBy.GetValueOrDefault(instance);

    public int AcknowledgedCheckIns => _acknowledgedBy.GetValueOrDefault("check-ins");

    public void Acknowledged(string instance) => _acknowledgedBy.AddOrUpdate(instance, 1, (_, n) => n + 1);

    public void CheckInAcknowledged(LedgerDevice device, string instance, bool first)
    {
        Acknowledged(instance);
        Acknowledged("check-ins");
        if (first)
        {
            _acknowledgedDevices.Add(device);
        }
    }

    public LedgerDevice RandomAcknowledgedDevice(Random random) => _acknowledgedDevices.Random(random);

    public DateTime NextReportedUtc() => _acknowledgedDevices.NextReportedUtc();

    public void RequestCut() => Acknowledged("cut");
}

/// <summary>
/// Check-in workers (new devices, and new rounds of their own devices, a third of them one check-in to each instance at
/// once) and health-report workers (batches to either instance, and now and then one batch to each at once naming the
/// same devices), until <see cref="StopAsync"/>. A 200 answer is an acknowledged write. An instance marked dead gets no
/// new request; a request it cut is counted, anything else that fails is recorded as unexpected.
/// </summary>
internal sealed class TwoInstanceWorkload(HttpClient http, TwoInstanceFixture app, TwoInstanceTenant tenant, TwoInstanceLedger ledger, int seed) : IAsyncDisposable
{
    private const int CheckInWorkers = 4;
    private const int ReportWorkers = 2;
    private const int MaxBatchSize = 20;
    private static readonly string[] ThreatLevels = ["secured", "low", "medium", "high"];

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, bool> _dead = new(StringComparer.Ordinal);
    private Task? _running;
    private int _deviceNumber;

    public void Start()
    {
        var workers = new List<Task>();
        for (var w = 0; w < CheckInWorkers; w++)
        {
            var random = new Random(unchecked((seed * 31) + w));
            workers.Add(Task.Run(() => CheckInLoopAsync(random)));
        }
        for (var w = 0; w < ReportWorkers; w++)
        {
            var random = new Random(unchecked((seed * 31) + CheckInWorkers + w));
            workers.Add(Task.Run(() => ReportLoopAsync(random)));
        }
        _running = Task.WhenAll(workers);
    }

    /// <summary>Called just before an instance is killed: from now on it gets no request, and one it fails is the kill's doing.</summary>
    public void MarkDead(AppProcess instance) => _dead[instance.Name] = true;

    /// <summary>Stops the workers and waits for the requests in flight to be answered; safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }
        if (_running is not null)
        {
            await _running;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private bool Stopped => _stop.IsCancellationRequested;

    private AppProcess[] Alive => new[] { app.A, app.B }.Where(i => !_dead.ContainsKey(i.Name)).ToArray();

    private async Task CheckInLoopAsync(Random random)
    {
        var owned = new List<LedgerDevice>();
        while (!Stopped)
        {
            LedgerDevice device;
            if (owned.Count > 0 && random.Next(3) > 0)
            {
                device = owned[random.Next(owned.Count)];
            }
            else
            {
                var number = Interlocked.Increment(ref _deviceNumber);
                device = new LedgerDevice($"two-device-{number}", tenant.UserPrincipalNames[number % tenant.UserPrincipalNames.Count]);
                owned.Add(device);
                ledger.Devices.Add(device);
            }
            var alive = Alive;
            var targets = alive.Length == 2 && random.Next(3) == 0 ? alive : [alive[random.Next(alive.Length)]];
            var first = !device.AnyAcknowledged;
            var versions = device.NextRound(targets.Length);
            var answers = await Task.WhenAll(targets.Select((target, i) => CheckInAsync(target, device, versions[i])));
            device.RoundEnded(answers.Count(a => a is not null));
            foreach (var instance in answers.OfType<string>())
            {
                ledger.CheckInAcknowledged(device, instance, first);
                first = false;
            }
        }
    }

    private async Task<string?> CheckInAsync(AppProcess target, LedgerDevice device, int version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseAddress, "mam/v1/checkIn"))
        {
            Content = JsonContent.Create(new
            {
                userPrincipalName = device.UserPrincipalName,
                appId = WindowsPolicyDraft.EdgeAppId,
                azureAdDeviceId = device.AzureAdDeviceId,
                deviceName = device.DeviceName(version),
                deviceModel = "Surface two instances",
                deviceManufacturer = "Contoso",
                platformVersion = $"10.0.22631.{version}",
                appVersion = "131.0.2903.70",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TwoInstanceFixture.ApiToken);
        using var answer = await SendAsync(target, request, $"check-in of {device.AzureAdDeviceId} v{version}");
        return answer is null ? null : target.Name;
    }

    private async Task ReportLoopAsync(Random random)
    {
        await Task.WhenAny(ledger.FirstDeviceAcknowledged, Task.Delay(Timeout.Infinite, _stop.Token));
        while (!Stopped)
        {
            var devices = Enumerable.Range(0, random.Next(1, MaxBatchSize + 1)).Select(_ => ledger.RandomAcknowledgedDevice(random)).ToList();
            var alive = Alive;
            if (alive.Length == 2 && random.Next(4) == 0)
            {
                // The same registrations on both instances at once: the newer report must win whichever commits last.
                await Task.WhenAll(alive.Select(target => ReportBatchAsync(target, devices, random)));
            }
            else
            {
                await ReportBatchAsync(alive[random.Next(alive.Length)], devices, random);
            }
        }
    }

    private async Task ReportBatchAsync(AppProcess target, List<LedgerDevice> devices, Random random)
    {
        var items = devices.Select(d => new LedgerReport(d.AzureAdDeviceId, ledger.NextReportedUtc(), ThreatLevels[random.Next(ThreatLevels.Length)], target.Name)).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseAddress, $"partner/v1/connectors/{PartnerCatalog.WindowsSecurityCenterId}/healthReports"))
        {
            Content = JsonContent.Create(new
            {
                value = items.Select((item, i) => new
                {
                    userPrincipalName = devices[i].UserPrincipalName,
                    appId = WindowsPolicyDraft.EdgeAppId,
                    azureAdDeviceId = item.AzureAdDeviceId,
                    threatLevel = item.ThreatLevel,
                    reportedDateTime = item.ReportedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                }),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.PartnerSecret);
        using var answer = await SendAsync(target, request, $"health report batch of {items.Count} to {target.Name}");
        if (answer is null)
        {
            return;
        }
        ledger.Acknowledged(target.Name);
        foreach (var item in answer.RootElement.GetProperty("value").EnumerateArray())
        {
            var index = item.GetProperty("index").GetInt32();
            if (item.GetProperty("status").GetString() == "accepted")
            {
                ledger.Reports.Add(items[index]);
            }
            else
            {
                // The device's check-in was acknowledged, so its registration is there to report on.
                ledger.Unexpected.Enqueue($"health report for {items[index].AzureAdDeviceId} refused by {target.Name}: {item.GetProperty("reason").GetString()}");
            }
        }
    }

    /// <summary>The 200 answer's body; null for a request a kill cut or an unexpected answer (recorded in the ledger).</summary>
    private async Task<JsonDocument?> SendAsync(AppProcess target, HttpRequestMessage request, string what)
    {
        try
        {
            // Not cancelled by StopAsync: a write in flight runs to its answer.
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body);
            }
            ledger.Unexpected.Enqueue($"{what} on {target.Name}: {(int)response.StatusCode} {body}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            if (_dead.ContainsKey(target.Name))
            {
                ledger.RequestCut();
            }
            else
            {
                ledger.Unexpected.Enqueue($"{what} on {target.Name}: {ex.GetType().Name} {ex.Message}");
            }
        }
        return null;
    }
}
