using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Demo;

namespace AdminCenter.Simulation;

/// <summary>
/// Plays MAM clients and, optionally, a Mobile Threat Defense partner against a running AdminCenter through its public
/// endpoints (spec 05 §2-3). Each device checks in every <see cref="SimulatorOptions.CheckInInterval"/> (staggered),
/// now and then signs out and enrolls again, updates Edge, and confirms the wipes it is sent. The partner sends a
/// heartbeat and health reports for the enrolled devices in batches every status interval. The users are the demo
/// tenant's (<see cref="DemoDirectory.UserPrincipalNames"/>); the devices are invented from the seed.
/// </summary>
internal sealed class TenantSimulator(SimulatorOptions options, HttpClient http, TextWriter output, TimeProvider reportClock) : IDisposable
{
    private const int MaxConcurrentRequests = 32;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _inFlight = new(MaxConcurrentRequests);

    public SimulatorCounters Counters { get; } = new();

    public void Dispose() => _inFlight.Dispose();

    /// <summary>Runs until the duration is over or <paramref name="cancellationToken"/> fires; returns 0, or 1 if nothing succeeded.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);
        var devices = CreateDevices();
        await output.WriteLineAsync($"Simulating {devices.Count} MAM client(s){(options.PlaysPartner ? $" and the partner of connector {options.ConnectorId}" : "")} " +
            $"against {options.Url} for {options.Duration.TotalMinutes:0.##} min; a check-in per device every {options.CheckInInterval.TotalSeconds:0.#} s.");

        var stopwatch = Stopwatch.StartNew();
        var workers = devices.Select(d => RunDeviceAsync(d, stop.Token)).ToList();
        if (options.PlaysPartner)
        {
            workers.Add(RunPartnerAsync(devices, stop.Token));
        }
        var all = Task.WhenAll(workers);
        using (var timer = new PeriodicTimer(options.StatusInterval))
        {
            var last = TimeSpan.Zero;
            while (!all.IsCompleted && await WaitAsync(timer, stop.Token))
            {
                var elapsed = stopwatch.Elapsed;
                await output.WriteLineAsync(Counters.IntervalLine(elapsed, elapsed - last));
                last = elapsed;
            }
        }
        await all;
        await output.WriteLineAsync(Counters.TotalLine(stopwatch.Elapsed));
        var succeeded = Counters[SimulatorCounter.Requests] - Counters[SimulatorCounter.Errors];
        return succeeded > 0 ? 0 : 1;
    }

    private List<SimulatedDevice> CreateDevices()
    {
        var random = new Random(options.Seed);
        var users = DemoDirectory.Users;
        return Enumerable.Range(0, options.Devices)
            .Select(i => new SimulatedDevice(users[i % users.Count].UserPrincipalName, DemoDevices.Create(random, users[i % users.Count].DisplayName), new Random(random.Next())))
            .ToList();
    }

    private async Task RunDeviceAsync(SimulatedDevice device, CancellationToken cancellationToken)
    {
        try
        {
            // Staggered: a thousand devices do not all check in within the same second.
            await Task.Delay(options.CheckInInterval * device.Random.NextDouble(), cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (device.Enrolled && device.Random.Next(50) == 0)
                {
                    await SignOutAsync(device, cancellationToken);
                }
                else
                {
                    if (device.Random.Next(20) == 0)
                    {
                        device.Device = DemoDevices.Updated(device.Random, device.Device);
                    }
                    await CheckInAsync(device, cancellationToken);
                }
                await Task.Delay(options.CheckInInterval * (0.9 + (device.Random.NextDouble() * 0.2)), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task CheckInAsync(SimulatedDevice device, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("mam/v1/checkIn", options.Token, device.Device.CheckIn(device.UserPrincipalName), cancellationToken);
        if (response is null)
        {
            return;
        }
        var answer = await response.Content.ReadFromJsonAsync<CheckInAnswer>(Json, cancellationToken);
        Counters.Add(SimulatorCounter.CheckIns);
        Counters.Add(answer!.Outcome switch
        {
            "allow" => SimulatorCounter.Allow,
            "warn" => SimulatorCounter.Warn,
            "block" => SimulatorCounter.Block,
            _ => SimulatorCounter.Wipe,
        });
        if (!device.Enrolled)
        {
            Counters.Add(SimulatorCounter.Enrollments);
        }
        device.Enrolled = true;
        if (answer.WipeRequested)
        {
            using var wiped = await SendAsync("mam/v1/wipeResult", options.Token,
                new { registrationId = answer.RegistrationId, succeeded = true, message = "Org data removed by the simulator." }, cancellationToken);
            if (wiped is not null)
            {
                Counters.Add(SimulatorCounter.WipesConfirmed);
                device.Enrolled = false;
            }
        }
    }

    private async Task SignOutAsync(SimulatedDevice device, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("mam/v1/signOut", options.Token,
            new { userPrincipalName = device.UserPrincipalName, appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = device.Device.AzureAdDeviceId }, cancellationToken);
        if (response is not null)
        {
            Counters.Add(SimulatorCounter.SignOuts);
        }
        device.Enrolled = false;
    }

    private async Task RunPartnerAsync(IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed ^ 0x5A5A);
        var connector = $"partner/v1/connectors/{Uri.EscapeDataString(options.ConnectorId!)}";
        try
        {
            using var timer = new PeriodicTimer(options.StatusInterval);
            do
            {
                using (var heartbeat = await SendAsync($"{connector}/heartbeat", options.PartnerSecret!, new { status = "ok" }, cancellationToken))
                {
                    if (heartbeat is not null)
                    {
                        Counters.Add(SimulatorCounter.Heartbeats);
                    }
                }
                // About one report per enrolled device per check-in interval, as a partner's scans come in.
                var share = Math.Min(1, options.StatusInterval / options.CheckInInterval);
                var now = reportClock.GetUtcNow().UtcDateTime;
                var reports = devices.Where(d => d.Enrolled && random.NextDouble() < share)
                    .Select(d => new
                    {
                        userPrincipalName = d.UserPrincipalName,
                        appId = WindowsPolicyDraft.EdgeAppId,
                        azureAdDeviceId = d.Device.AzureAdDeviceId,
                        threatLevel = ThreatLevel(random),
                        reportedDateTime = now,
                    })
                    .ToList();
                foreach (var batch in reports.Chunk(1000))
                {
                    await SendReportsAsync($"{connector}/healthReports", batch, cancellationToken);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task SendReportsAsync(string path, object[] batch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, options.PartnerSecret!, new { value = batch }, cancellationToken);
        if (response is null)
        {
            return;
        }
        var answer = await response.Content.ReadFromJsonAsync<ReportsAnswer>(Json, cancellationToken);
        Counters.Add(SimulatorCounter.ReportsAccepted, answer!.Accepted);
        Counters.Add(SimulatorCounter.ReportsRefused, answer.Refused);
    }

    /// <summary>Posts <paramref name="body"/>; null (and an error counted) unless the answer is a success.</summary>
    private async Task<HttpResponseMessage?> SendAsync(string path, string bearer, object body, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Url, path)) { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            Counters.Add(SimulatorCounter.Requests);
            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            Counters.Error($"{path} answered {(int)response.StatusCode}: {await ErrorMessageAsync(response, cancellationToken)}");
            response.Dispose();
            return null;
        }
        catch (HttpRequestException ex)
        {
            Counters.Error($"{path}: {ex.Message}");
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Counters.Error($"{path}: no answer within {http.Timeout.TotalSeconds:0} s");
            return null;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetProperty("error").GetProperty("message").GetString() ?? text;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string ThreatLevel(Random random) => random.Next(100) switch
    {
        < 70 => "secured",
        < 85 => "low",
        < 95 => "medium",
        _ => "high",
    };

    private sealed class SimulatedDevice(string userPrincipalName, DemoDevice device, Random random)
    {
        public string UserPrincipalName { get; } = userPrincipalName;

        public DemoDevice Device { get; set; } = device;

        public Random Random { get; } = random;

        // Read by the partner loop while the device's own loop writes it: a stale read only skips or adds one report.
        public volatile bool Enrolled;
    }

    private sealed record CheckInAnswer(string RegistrationId, string Outcome, bool WipeRequested);

    private sealed record ReportsAnswer(int Accepted, int Refused);
}
