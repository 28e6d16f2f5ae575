using System.Text;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Common;
using AdminCenter.Core.Identity;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.ApiTokens;

public sealed class ApiTokenServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ApiTokenService _tokens;

    public ApiTokenServiceTests() => _tokens = new ApiTokenService(_database, _database.Settings, _time, NullLogger<ApiTokenService>.Instance);

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateAsync_ValidInput_ReturnsTheValueOnceAndStoresOnlyASaltedHashAndPrefix()
    {
        var result = await _tokens.CreateAsync(new ApiTokenInput(" Intune automation ", AdminRoles.IntuneAdministrator, Now.AddDays(90)), TestActors.Named("admin@contoso.com"));

        Assert.Equal(ServiceOutcome.Succeeded, result.Outcome);
        var value = result.Value!.Value;
        Assert.True(value.Length >= 40, value);
        await using var db = _database.CreateDbContext();
        var stored = await db.ApiTokens.SingleAsync();
        Assert.Equal(("Intune automation", AdminRoles.IntuneAdministrator, value[..6], "admin@contoso.com"), (stored.Name, stored.Role, stored.Prefix, stored.CreatedBy));
        Assert.Equal((16, 32), (stored.Salt.Length, stored.Hash.Length));
        var valueBytes = Encoding.UTF8.GetBytes(value);
        Assert.False(stored.Hash.AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(valueBytes)), "the hash must be salted");
        Assert.Equal(Now.AddDays(90), stored.ExpiresDateTime);
    }

    [Fact]
    public async Task CreateAsync_TwoTokens_GetDifferentSaltsAndValues()
    {
        var first = await _tokens.CreateAsync(new ApiTokenInput("First", AdminRoles.ReadOnlyOperator, Now.AddDays(30)), TestActors.Named("admin"));
        var second = await _tokens.CreateAsync(new ApiTokenInput("Second", AdminRoles.ReadOnlyOperator, Now.AddDays(30)), TestActors.Named("admin"));

        Assert.NotEqual(first.Value!.Value, second.Value!.Value);
        await using var db = _database.CreateDbContext();
        var salts = await db.ApiTokens.Select(t => t.Salt).ToListAsync();
        Assert.False(salts[0].AsSpan().SequenceEqual(salts[1]));
    }

    [Theory]
    [InlineData("", AdminRoles.ReadOnlyOperator, 30, ApiTokenRules.NameField, ApiTokenRules.NameRequiredMessage)]
    [InlineData("Name\u0000", AdminRoles.ReadOnlyOperator, 30, ApiTokenRules.NameField, ApiTokenRules.NameControlCharactersMessage)]
    [InlineData("Name", "", 30, ApiTokenRules.RoleField, ApiTokenRules.RoleRequiredMessage)]
    [InlineData("Name", AdminRoles.ReadOnlyOperator, 0, ApiTokenRules.ExpiresField, ApiTokenRules.ExpiresInPastMessage)]
    [InlineData("Name", AdminRoles.ReadOnlyOperator, 731, ApiTokenRules.ExpiresField, ApiTokenRules.ExpiresTooLateMessage)]
    public async Task CreateAsync_InvalidInput_IsRefusedWithTheFieldsMessageAndStoresNothing(string name, string role, int days, string field, string message)
    {
        var result = await _tokens.CreateAsync(new ApiTokenInput(name, role, Now.AddDays(days)), TestActors.Named("admin"));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.MessageFor(field));
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_UnknownRole_NamesTheRolesThatExist()
    {
        var result = await _tokens.CreateAsync(new ApiTokenInput("Name", "Super User", Now.AddDays(30)), TestActors.Named("admin"));

        Assert.Contains(ApiTokenRoles.ManagedAppClient, result.MessageFor(ApiTokenRules.RoleField), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NameTakenInAnotherCase_IsAConflict()
    {
        await _tokens.CreateAsync(new ApiTokenInput("CI pipeline", AdminRoles.ReadOnlyOperator, Now.AddDays(30)), TestActors.Named("admin"));

        var result = await _tokens.CreateAsync(new ApiTokenInput("ci PIPELINE", AdminRoles.ReadOnlyOperator, Now.AddDays(30)), TestActors.Named("admin"));

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Equal(ApiTokenRules.NameTakenMessage("ci PIPELINE"), result.MessageFor(ApiTokenRules.NameField));
    }

    [Fact]
    public async Task AuthenticateAsync_ActiveToken_ReturnsItsRoleAndRecordsLastUsed()
    {
        var created = (await _tokens.CreateAsync(new ApiTokenInput("Edge clients", ApiTokenRoles.ManagedAppClient, Now.AddDays(30)), TestActors.Named("admin"))).Value!;
        _time.Advance(TimeSpan.FromMinutes(5));

        var principal = await _tokens.AuthenticateAsync(created.Value);

        Assert.Equal(new ApiTokenPrincipal(created.Token.Id, "Edge clients", ApiTokenRoles.ManagedAppClient), principal);
        Assert.Equal(Now, (await _tokens.ListAsync()).Single().LastUsedDateTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("not-a-token-value-at-all-0123456789abcdef")]
    public async Task AuthenticateAsync_UnknownValue_IsNull(string value)
    {
        await _tokens.CreateAsync(new ApiTokenInput("Real", AdminRoles.GlobalAdministrator, Now.AddDays(30)), TestActors.Named("admin"));

        Assert.Null(await _tokens.AuthenticateAsync(value));
    }

    [Fact]
    public async Task AuthenticateAsync_SamePrefixDifferentValue_IsNull()
    {
        var created = (await _tokens.CreateAsync(new ApiTokenInput("Real", AdminRoles.GlobalAdministrator, Now.AddDays(30)), TestActors.Named("admin"))).Value!;

        Assert.Null(await _tokens.AuthenticateAsync(created.Value[..6] + new string('x', 37)));
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedAfterUse_IsNullAtOnce()
    {
        var created = (await _tokens.CreateAsync(new ApiTokenInput("Soon revoked", AdminRoles.GlobalAdministrator, Now.AddDays(30)), TestActors.Named("admin"))).Value!;
        Assert.NotNull(await _tokens.AuthenticateAsync(created.Value));

        var revoked = await _tokens.RevokeAsync(created.Token.Id, TestActors.Named("admin@contoso.com"));

        Assert.Null(await _tokens.AuthenticateAsync(created.Value));
        Assert.Equal((ApiTokenStatus.Revoked, "admin@contoso.com", Now), (revoked.Value!.Status, revoked.Value.RevokedBy, revoked.Value.RevokedDateTime));
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedOnAnotherInstanceAfterUse_IsNullAtOnce()
    {
        var otherInstance = new ApiTokenService(_database, _database.Settings, _time, NullLogger<ApiTokenService>.Instance);
        var created = (await _tokens.CreateAsync(new ApiTokenInput("Revoked elsewhere", AdminRoles.GlobalAdministrator, Now.AddDays(30)), TestActors.Named("admin"))).Value!;
        Assert.NotNull(await _tokens.AuthenticateAsync(created.Value));

        await otherInstance.RevokeAsync(created.Token.Id, TestActors.Named("admin@contoso.com"));

        Assert.Null(await _tokens.AuthenticateAsync(created.Value));
    }

    [Fact]
    public async Task AuthenticateAsync_UsedAgainWithinAMinute_LastUsedWrittenOncePerMinute()
    {
        var created = (await _tokens.CreateAsync(new ApiTokenInput("Busy client", AdminRoles.GlobalAdministrator, Now.AddDays(30)), TestActors.Named("admin"))).Value!;
        await _tokens.AuthenticateAsync(created.Value);
        var firstUse = Now;

        _time.Advance(TimeSpan.FromSeconds(59));
        await _tokens.AuthenticateAsync(created.Value);
        var withinAMinute = await LastUsedAsync(created.Token.Id);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _tokens.AuthenticateAsync(created.Value);
        var afterAMinute = await LastUsedAsync(created.Token.Id);

        Assert.Equal(firstUse, withinAMinute);
        Assert.Equal(firstUse.AddMinutes(1), afterAMinute);
    }

    private async Task<DateTime?> LastUsedAsync(string id)
    {
        await using var db = _database.CreateDbContext();
        return await db.ApiTokens.Where(t => t.Id == id).Select(t => t.LastUsedDateTime).SingleAsync();
    }

    [Fact]
    public async Task AuthenticateAsync_PastExpiryAfterUse_IsNullAndListedAsExpired()
    {
        var created = (await _tokens.CreateAsync(new ApiTokenInput("Short lived", AdminRoles.GlobalAdministrator, Now.AddDays(30)), TestActors.Named("admin"))).Value!;
        Assert.NotNull(await _tokens.AuthenticateAsync(created.Value));

        _time.Advance(TimeSpan.FromDays(30));

        Assert.Null(await _tokens.AuthenticateAsync(created.Value));
        Assert.Equal(ApiTokenStatus.Expired, (await _tokens.ListAsync()).Single().Status);
    }

    [Fact]
    public async Task RevokeAsync_UnknownId_IsNotFound()
    {
        var result = await _tokens.RevokeAsync("no-such-token", TestActors.Named("admin"));

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task EnsureBootstrapTokenAsync_FirstStartThenRestart_CreatesOneGlobalAdministratorTokenNamedBootstrap()
    {
        await _tokens.EnsureBootstrapTokenAsync("bootstrap-value-0123456789");
        await _tokens.EnsureBootstrapTokenAsync("bootstrap-value-0123456789");

        var token = Assert.Single(await _tokens.ListAsync());
        Assert.Equal(("Bootstrap", AdminRoles.GlobalAdministrator, ApiTokenStatus.Active), (token.Name, token.Role, token.Status));
        Assert.Equal(AdminRoles.GlobalAdministrator, (await _tokens.AuthenticateAsync("bootstrap-value-0123456789"))?.Role);
    }

    [Fact]
    public async Task EnsureBootstrapTokenAsync_NotConfigured_CreatesNothing()
    {
        await _tokens.EnsureBootstrapTokenAsync(null);

        Assert.Empty(await _tokens.ListAsync());
    }
}
