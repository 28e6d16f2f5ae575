using System.Security.Claims;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminCenter.Tests.Components.Apps.Monitor;

public sealed class MonitoringEndpointsTests
{
    [Fact]
    public void ExportUrl_EveryFilter_ReadsBackAsTheSameFilter()
    {
        var filter = new AppProtectionStatusFilter
        {
            Search = "Élodie & co",
            Outcomes = [EvaluationOutcome.Block, EvaluationOutcome.Wipe],
            ThreatLevels = [ReportedThreatLevel.NotReported, ReportedThreatLevel.High],
            Policy = "Edge level 2; a=b",
            Sort = AppProtectionStatusSort.User,
            Descending = false,
        };

        var url = MonitoringEndpoints.ExportUrl(filter);
        var parsed = MonitoringEndpoints.TryParseFilter(Query(url), out var read, out var problem);

        Assert.StartsWith("/apps/monitor/app-protection-status/export.csv?", url, StringComparison.Ordinal);
        Assert.True(parsed, problem);
        Assert.Equal((filter.Search, filter.Policy, filter.Sort, filter.Descending), (read.Search, read.Policy, read.Sort, read.Descending));
        Assert.Equal(filter.Outcomes, read.Outcomes);
        Assert.Equal(filter.ThreatLevels, read.ThreatLevels);
    }

    [Fact]
    public void MissingReadPermission_NoRoleOrReadOnlyOperator_RefusesOnlyTheAdminWithoutManagedAppsRead()
    {
        var noRole = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "nobody@contoso.com")], "Cookies"));
        var reader = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "reader@contoso.com"), new Claim(ClaimTypes.Role, BuiltInRoles.ReadOnlyOperatorName)], "Cookies"));

        var refused = MonitoringEndpoints.MissingReadPermission(noRole);
        var allowed = MonitoringEndpoints.MissingReadPermission(reader);

        Assert.Equal("You don't have permission to export the app protection status. It needs the Managed apps/Read permission.", refused);
        Assert.Null(allowed);
    }

    [Fact]
    public void TryParseFilter_NoQuery_IsEverythingByLastSyncNewestFirst()
    {
        var parsed = MonitoringEndpoints.TryParseFilter(QueryCollection.Empty, out var filter, out _);

        Assert.True(parsed);
        Assert.Equal((null, null, AppProtectionStatusSort.LastSync, true), (filter.Search, filter.Policy, filter.Sort, filter.Descending));
        Assert.Empty(filter.Outcomes);
        Assert.Empty(filter.ThreatLevels);
    }

    [Theory]
    [InlineData("?outcome=maybe")]
    [InlineData("?outcome=2")]
    [InlineData("?threatLevel=critical")]
    [InlineData("?sort=password")]
    [InlineData("?order=sideways")]
    public void TryParseFilter_UnknownValue_IsAProblem(string query)
    {
        var parsed = MonitoringEndpoints.TryParseFilter(Query(query), out _, out var problem);

        Assert.False(parsed);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    private static QueryCollection Query(string url) => new(QueryHelpers.ParseQuery(url[url.IndexOf('?', StringComparison.Ordinal)..]));
}
