using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

/// <summary>Spec 07 delivery: the check-in answer's <c>appConfiguration</c>, and what the status report keeps of it.</summary>
public sealed class AppConfigurationCheckInApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Actor Admin = Actor.WithRoles(ActorKind.Administrator, "admin@contoso.onmicrosoft.com", [BuiltInRoles.IntuneAdministrator]);

    [Fact]
    public async Task CheckIn_TargetedUsers_GetSettingsWithTheirOwnTokens_OthersGetNone()
    {
        var megan = $"megan.{Guid.NewGuid():N}@contoso.com";
        var alex = $"alex.{Guid.NewGuid():N}@contoso.com";
        var outsider = $"outsider.{Guid.NewGuid():N}@contoso.com";
        var meganId = await api.CreateUserAsync(megan);
        var alexId = await api.CreateUserAsync(alex);
        await api.CreateUserAsync(outsider);
        var group = await api.CreateGroupAsync($"Edge users {Guid.NewGuid():N}", meganId, alexId);
        var policyId = await CreatePolicyAsync(group,
            [new AppConfigSetting("HomepageLocation", "https://contoso.sharepoint.com")],
            [new AppConfigSetting("com.contoso.signInName", "{{userprincipalname}}"), new AppConfigSetting("com.contoso.alias", "{{partialupn}}")]);

        var forMegan = await CheckInAsync(megan);
        var forAlex = await CheckInAsync(alex);
        var forOutsider = await CheckInAsync(outsider);

        Assert.Equal([policyId], Policies(forMegan));
        Assert.Equal(
            [("HomepageLocation", "https://contoso.sharepoint.com"), ("com.contoso.signInName", megan), ("com.contoso.alias", megan.Split('@')[0])],
            Settings(forMegan));
        Assert.Equal(("com.contoso.signInName", alex), Settings(forAlex)[1]);
        Assert.Empty(Policies(forOutsider));
        Assert.Empty(Settings(forOutsider));
        var stored = await api.QueryAsync(db => db.AppConfigurationDeliveries.SingleAsync(r => r.UserId == meganId));
        Assert.Equal(megan, stored.Settings.Single(s => s.Name == "com.contoso.signInName").Value);
    }

    [Fact]
    public async Task CheckIn_TwoPoliciesDisagree_SettingWithheldAndConflictStored()
    {
        var upn = $"conflict.{Guid.NewGuid():N}@contoso.com";
        var userId = await api.CreateUserAsync(upn);
        var group = await api.CreateGroupAsync($"Conflict {Guid.NewGuid():N}", userId);
        await CreatePolicyAsync(group, [new AppConfigSetting("HomepageLocation", "https://contoso.com")], []);
        await CreatePolicyAsync(group, [new AppConfigSetting("HomepageLocation", "https://fabrikam.com"), new AppConfigSetting("TrackingPrevention", "3")], []);

        var body = await CheckInAsync(upn);

        Assert.Equal(2, Policies(body).Count);
        Assert.Equal([("TrackingPrevention", "3")], Settings(body));
        var stored = await api.QueryAsync(db => db.AppConfigurationDeliveries.SingleAsync(r => r.UserId == userId));
        Assert.True(stored.HasConflicts);
        Assert.Equal("HomepageLocation", Assert.Single(stored.Conflicts).Name);
    }

    [Theory]
    [InlineData(AssignmentFilterMode.Include, "Microsoft Corporation", true)]
    [InlineData(AssignmentFilterMode.Include, "Lenovo", false)]
    [InlineData(AssignmentFilterMode.Exclude, "Microsoft Corporation", false)]
    [InlineData(AssignmentFilterMode.Exclude, "Lenovo", true)]
    public async Task CheckIn_IncludedGroupWithFilter_DeliveredAsTheFilterDecidesOnTheDevice(AssignmentFilterMode mode, string manufacturer, bool delivered)
    {
        var upn = $"filtered.{Guid.NewGuid():N}@contoso.com";
        var userId = await api.CreateUserAsync(upn);
        var group = await api.CreateGroupAsync($"Filtered {Guid.NewGuid():N}", userId);
        var filter = await api.Get<AssignmentFilterService>().CreateAsync(Admin,
            new AssignmentFilterDraft { DisplayName = $"Surface {Guid.NewGuid():N}", Rule = "app.deviceManufacturer -eq \"Microsoft Corporation\"" });
        Assert.True(filter.Succeeded, string.Join(" ", filter.Problems.Select(p => p.Message)));
        var policyId = await CreatePolicyAsync(group, [new AppConfigSetting("HomepageLocation", "https://surface.contoso.com")], [],
            new IncludedGroupFilter(group, filter.Value!.Id, mode));

        var body = await CheckInAsync(upn, manufacturer);

        Assert.Equal(delivered ? [policyId] : [], Policies(body));
        var stored = await api.QueryAsync(db => db.AppConfigurationDeliveries.SingleAsync(r => r.UserId == userId));
        Assert.Equal(delivered, stored.Settings.Count == 1);
    }

    private async Task<string> CreatePolicyAsync(string groupId, AppConfigSetting[] edge, AppConfigSetting[] general, IncludedGroupFilter? filter = null)
    {
        var result = await api.Get<AppConfigurationPolicyService>().CreateAsync(new AppConfigurationDraft
        {
            DisplayName = $"Edge configuration {Guid.NewGuid():N}",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            EdgeSettings = edge,
            GeneralSettings = general,
            IncludedGroupIds = [groupId],
            AssignmentFilters = filter is null ? [] : [filter],
        }, Admin);
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Value!.Id;
    }

    private async Task<JsonElement> CheckInAsync(string upn, string deviceManufacturer = "Contoso")
    {
        var response = await api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn",
            new { userPrincipalName = upn, appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = MamApiTests.NewDevice(), platformVersion = "10.0.22631.4000", deviceManufacturer });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await MamApiTests.JsonAsync(response)).GetProperty("appConfiguration");
    }

    private static List<string> Policies(JsonElement appConfiguration) =>
        [.. appConfiguration.GetProperty("policies").EnumerateArray().Select(p => p.GetString()!)];

    private static List<(string, string)> Settings(JsonElement appConfiguration) =>
        [.. appConfiguration.GetProperty("settings").EnumerateArray().Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("value").GetString()!))];
}
