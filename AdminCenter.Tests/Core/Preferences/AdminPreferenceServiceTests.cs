using System.Security.Claims;
using AdminCenter.Core.Preferences;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Preferences;

public sealed class AdminPreferenceServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly AdminPreferenceService _preferences;

    public AdminPreferenceServiceTests()
    {
        _preferences = new AdminPreferenceService(_database, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task GetAsync_NothingStored_ReturnsNull()
    {
        var value = await _preferences.GetAsync("admin-1", "theme");

        Assert.Null(value);
    }

    [Fact]
    public async Task SetAsync_TwiceForOneAdmin_KeepsTheLastValueAndLeavesOtherAdminsAlone()
    {
        await _preferences.SetAsync("admin-1", "theme", "dark");
        await _preferences.SetAsync("admin-2", "theme", "light");

        var result = await _preferences.SetAsync("admin-1", "theme", "light");

        Assert.True(result.Succeeded);
        Assert.Equal("light", await _preferences.GetAsync("admin-1", "theme"));
        Assert.Equal("light", await _preferences.GetAsync("admin-2", "theme"));
        Assert.Null(await _preferences.GetAsync("admin-1", "other"));
    }

    [Fact]
    public async Task SetAsync_ValueTooLong_RefusesAndKeepsTheOldValue()
    {
        await _preferences.SetAsync("admin-1", "columns", "User");

        var result = await _preferences.SetAsync("admin-1", "columns", new string('x', AdminPreference.MaxValueLength + 1));

        Assert.False(result.Succeeded);
        Assert.NotNull(result.MessageFor("value"));
        Assert.Equal("User", await _preferences.GetAsync("admin-1", "columns"));
    }

    [Fact]
    public void AdminIdOf_SignedInPrincipal_PrefersTheIdentityIdOverTheName()
    {
        var withId = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, "id-42"), new(ClaimTypes.Name, "a@contoso.com")], "test"));
        var nameOnly = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "a@contoso.com")], "test"));

        Assert.Equal("id-42", AdminPreferenceService.AdminIdOf(withId));
        Assert.Equal("a@contoso.com", AdminPreferenceService.AdminIdOf(nameOnly));
        Assert.Null(AdminPreferenceService.AdminIdOf(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    public void Dispose() => _database.Dispose();
}
