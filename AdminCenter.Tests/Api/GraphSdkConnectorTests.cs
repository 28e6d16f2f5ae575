using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using MobileThreatDefenseConnector = Microsoft.Graph.Models.MobileThreatDefenseConnector;

namespace AdminCenter.Tests.Api;

/// <summary>
/// The official Microsoft Graph SDK for .NET (v1.0), unchanged but for its base URL, drives the connector endpoints on
/// the test server with the bootstrap token (spec 05 §1).
/// </summary>
public sealed class GraphSdkConnectorTests(ApiFactory api) : IClassFixture<ApiFactory>, IDisposable
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Jamf = "1f58d6d2-02cc-4c80-b008-1bfe7396a10a";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";

    private readonly HttpClient _http = new(api.Server.CreateHandler());

    private GraphServiceClient Graph => new(_http, new BearerToken(ApiFactory.ApiToken), "http://localhost/graph/v1.0");

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Connector_CreateGetPatchListDelete_RoundTripsThroughTheSdk()
    {
        var connectors = Graph.DeviceManagement.MobileThreatDefenseConnectors;

        var created = await connectors.PostAsync(new MobileThreatDefenseConnector { Id = Lookout, AndroidEnabled = true });
        // Not Set Up is not in the SDK's v1.0 enum (it reads as null): the partner's first heartbeat makes it Enabled.
        Assert.True((await api.Get<MtdConnectorService>().RecordHeartbeatAsync(Lookout, null)).Succeeded);
        var read = await connectors[Lookout].GetAsync();
        var patched = await connectors[Lookout].PatchAsync(new MobileThreatDefenseConnector { PartnerUnresponsivenessThresholdInDays = 30 });
        var list = await connectors.GetAsync();
        await connectors[Lookout].DeleteAsync();

        Assert.Equal((Lookout, true, false), (created!.Id, created.AndroidEnabled, created.IosEnabled));
        Assert.Equal((Lookout, MobileThreatPartnerTenantState.Enabled, 7), (read!.Id, read.PartnerState, read.PartnerUnresponsivenessThresholdInDays));
        Assert.Equal(api.Clock.GetUtcNow(), read.LastHeartbeatDateTime);
        Assert.Equal((30, true), (patched!.PartnerUnresponsivenessThresholdInDays, patched.AndroidEnabled));
        var listed = Assert.Single(list!.Value!, c => c.Id == Lookout);
        Assert.Equal(30, listed.PartnerUnresponsivenessThresholdInDays);
        Assert.Null(await api.Get<MtdConnectorService>().GetAsync(Lookout));
        AssertNothingLost(created);
        AssertNothingLost(read);
        AssertNothingLost(patched);
        Assert.All(list.Value!, AssertNothingLost);
        Assert.DoesNotContain(list.AdditionalData.Keys, k => !k.StartsWith("@odata.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WindowsSecurityCenter_ReadsAsUnavailableWithItsWindowsToggleOn()
    {
        var created = await Graph.DeviceManagement.MobileThreatDefenseConnectors.PostAsync(
            new MobileThreatDefenseConnector { Id = PartnerCatalog.WindowsSecurityCenterId });

        Assert.Equal(MobileThreatPartnerTenantState.Unavailable, created!.PartnerState);
        Assert.Null(created.LastHeartbeatDateTime);
        Assert.True((await api.Get<MtdConnectorService>().GetAsync(PartnerCatalog.WindowsSecurityCenterId))!.Settings.WindowsMobileApplicationManagementEnabled);
    }

    [Fact]
    public async Task List_PagedByTop_PageIteratorFollowsNextLinks()
    {
        string[] ids = ["860d3ab4-8fd1-45f5-89cd-ecf51e4f92e5", "a447eca6-a986-4d3f-9838-5862bf50776c", "d3ddeae8-441f-4681-b80f-aef644f7195a"];
        foreach (var id in ids)
        {
            await api.Get<MtdConnectorService>().CreateAsync(id, null, TestActors.Named("api-tests"));
        }
        var graph = Graph;
        var expected = (await api.Get<MtdConnectorService>().ListDetailsAsync()).Select(c => c.Partner.ConnectorId).ToList();
        var first = await graph.DeviceManagement.MobileThreatDefenseConnectors.GetAsync(request => request.QueryParameters.Top = 2);
        var seen = new List<string>();

        var pages = PageIterator<MobileThreatDefenseConnector, MobileThreatDefenseConnectorCollectionResponse>.CreatePageIterator(graph, first!, c =>
        {
            seen.Add(c.Id!);
            return true;
        });
        await pages.IterateAsync();

        Assert.Equal(expected, seen);
        Assert.NotNull(first!.OdataNextLink);
    }

    [Fact]
    public async Task Patch_ThresholdOutOfRange_IsAnODataErrorWithTheUiMessage()
    {
        var connectors = Graph.DeviceManagement.MobileThreatDefenseConnectors;
        await connectors.PostAsync(new MobileThreatDefenseConnector { Id = Jamf });

        var zero = await Assert.ThrowsAsync<ODataError>(() => connectors[Jamf].PatchAsync(new MobileThreatDefenseConnector { PartnerUnresponsivenessThresholdInDays = 0 }));
        var ninetyOne = await Assert.ThrowsAsync<ODataError>(() => connectors[Jamf].PatchAsync(new MobileThreatDefenseConnector { PartnerUnresponsivenessThresholdInDays = 91 }));

        foreach (var error in new[] { zero, ninetyOne })
        {
            Assert.Equal(400, error.ResponseStatusCode);
            Assert.Equal("BadRequest", error.Error!.Code);
            Assert.Equal(ConnectorValidator.ThresholdMessage, error.Error.Message);
        }
        Assert.Equal(7, (await connectors[Jamf].GetAsync())!.PartnerUnresponsivenessThresholdInDays);
    }

    [Fact]
    public async Task Post_ExistingPartner_IsAConflictODataError()
    {
        var connectors = Graph.DeviceManagement.MobileThreatDefenseConnectors;
        await connectors.PostAsync(new MobileThreatDefenseConnector { Id = Zimperium });

        var error = await Assert.ThrowsAsync<ODataError>(() => connectors.PostAsync(new MobileThreatDefenseConnector { Id = Zimperium }));

        Assert.Equal(409, error.ResponseStatusCode);
        Assert.Equal("Conflict", error.Error!.Code);
        Assert.Equal("A connector for Zimperium already exists. A tenant has one connector per partner.", error.Error.Message);
    }

    [Fact]
    public async Task Post_UnknownPartnerId_IsABadRequestODataError()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() =>
            Graph.DeviceManagement.MobileThreatDefenseConnectors.PostAsync(new MobileThreatDefenseConnector { Id = "not-a-partner" }));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("'not-a-partner' is not a Mobile Threat Defense partner's connector id.", error.Error!.Message);
    }

    [Fact]
    public async Task Get_UnknownId_IsANotFoundODataError()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() => Graph.DeviceManagement.MobileThreatDefenseConnectors["unknown-connector"].GetAsync());

        Assert.Equal((404, "NotFound"), (error.ResponseStatusCode, error.Error!.Code));
    }

    // Every property the response holds maps to a model property; only OData's control annotations are left over.
    private static void AssertNothingLost(MobileThreatDefenseConnector connector) =>
        Assert.DoesNotContain(connector.AdditionalData.Keys, k => !k.StartsWith("@odata.", StringComparison.Ordinal));

    private sealed class BearerToken(string token) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            request.Headers.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        }
    }
}
