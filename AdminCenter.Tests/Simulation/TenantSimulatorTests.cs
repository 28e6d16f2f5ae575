using AdminCenter.Core.Connectors;
using AdminCenter.Core.Demo;
using AdminCenter.Simulation;
using AdminCenter.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Simulation;

public sealed class TenantSimulatorTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RunAsync_DemoTenant_ChecksInDevicesAndHasReportsAccepted()
    {
        Assert.True((await api.Get<DemoTenantSeeder>().SeedIfEmptyAsync()).Seeded);
        var secret = await api.ConnectorWithSecretAsync(PartnerCatalog.WindowsSecurityCenterId);
        // A long run ended by the test once every device has checked in and the partner has had reports accepted: on a
        // busy machine a fixed three-second run did not always get that far.
        var options = new SimulatorOptions
        {
            Url = new Uri("http://localhost/"),
            Token = ApiFactory.ApiToken,
            Devices = 20,
            Duration = TimeSpan.FromMinutes(5),
            CheckInInterval = TimeSpan.FromSeconds(1),
            StatusInterval = TimeSpan.FromSeconds(1),
            ConnectorId = PartnerCatalog.WindowsSecurityCenterId,
            PartnerSecret = secret,
        };
        using var output = new StringWriter();
        using var http = api.CreateClient();
        using var simulator = new TenantSimulator(options, http, output, api.Clock);
        using var stop = new CancellationTokenSource();

        var run = simulator.RunAsync(stop.Token);
        while (!run.IsCompleted && !HasDoneEachKindOfWork(simulator.Counters))
        {
            await Task.WhenAny(run, Task.Delay(50)); // a polling interval: the loop ends on the counters, not on time
        }
        stop.Cancel();
        var exitCode = await run;

        Assert.Equal(0, exitCode);
        var counters = simulator.Counters;
        Assert.True(counters[SimulatorCounter.CheckIns] >= 20, output.ToString());
        Assert.True(counters[SimulatorCounter.Enrollments] >= 20, output.ToString());
        Assert.True(counters[SimulatorCounter.ReportsAccepted] > 0, output.ToString());
        Assert.True(counters[SimulatorCounter.Heartbeats] >= 1, output.ToString());
        Assert.Equal(0, counters[SimulatorCounter.Errors]);
        Assert.Contains("req/s", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Total in", output.ToString(), StringComparison.Ordinal);
        var registrations = await api.QueryAsync(db => db.MamRegistrations.CountAsync());
        Assert.True(registrations > DemoTenantSeeder.RegistrationCount, $"{registrations} registrations");
    }

    private static bool HasDoneEachKindOfWork(SimulatorCounters counters) =>
        counters[SimulatorCounter.CheckIns] >= 20 && counters[SimulatorCounter.Enrollments] >= 20
        && counters[SimulatorCounter.ReportsAccepted] > 0 && counters[SimulatorCounter.Heartbeats] >= 1;
}
