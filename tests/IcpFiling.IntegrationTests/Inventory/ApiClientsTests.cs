using System.Security.Cryptography;
using System.Text;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Inventory;

/// <summary>API clients on a real SQLite file: keys shown once and stored hashed, verification, revocation, last use.</summary>
public sealed class ApiClientsTests : IAsyncLifetime
{
    private static readonly Actor Operator = new("command-line:ops", "Operator", "corr-cli");

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<T> WithClientsAsync<T>(Func<ApiClients, Task<T>> action)
    {
        await using var db = _database.NewContext();
        return await action(new ApiClients(_database.Runner(db), db, _database.Time));
    }

    [Fact]
    public async Task Create_AnswersTheKeyOnce_AndStoresOnlyAHashOfItsSecret()
    {
        var created = Outcomes.Done(await WithClientsAsync(c => c.CreateAsync(Operator, "  billing  ", [ApiScopes.InventoryWrite, ApiScopes.InventoryRead], CancellationToken.None)));

        Assert.Matches("^icpk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", created.Key);
        Assert.Equal("billing", created.Name);
        Assert.Equal([ApiScopes.InventoryRead, ApiScopes.InventoryWrite], created.Scopes);
        await using var db = _database.NewContext();
        var row = await db.ApiClients.SingleAsync();
        var secret = created.Key.Split('_', 3)[2];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.SecretHash);
        Assert.DoesNotContain(secret, row.SecretHash + row.KeyId + row.Name + row.Scopes, StringComparison.Ordinal);
        Assert.Equal(("inventory:read inventory:write", Operator.AccountId, _database.UtcNow, (DateTime?)null), (row.Scopes, row.CreatedBy, row.CreatedAt, row.LastUsedAt));
        var audit = Assert.Single(await _database.AuditAsync());
        Assert.Equal((AuditActions.ApiClientCreated, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "billing; scopes inventory:read inventory:write", "corr-cli"),
            (audit.Action, audit.SubjectId, audit.Detail, audit.CorrelationId));
    }

    [Theory]
    [InlineData(null, "inventory:read", "Name")]
    [InlineData("   ", "inventory:read", "Name")]
    [InlineData("x", "", "Scopes")]
    [InlineData("x", "inventory:delete", "Scopes")]
    public async Task Create_WithoutANameOrWithUnknownScopes_IsInvalidAndStoresNothing(string? name, string scopes, string field)
    {
        var outcome = await WithClientsAsync(c => c.CreateAsync(Operator, name, [.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)], CancellationToken.None));

        Assert.Equal(field, Assert.Single(Outcomes.Invalid(outcome)).Field);
        await using var db = _database.NewContext();
        Assert.False(await db.ApiClients.AnyAsync());
    }

    [Fact]
    public async Task Create_WithANameOfExactlyTheLimit_IsDone_AndOneOverIsInvalid()
    {
        Outcomes.Done(await WithClientsAsync(c => c.CreateAsync(Operator, new string('n', ApiClient.NameMaxLength), [ApiScopes.InventoryRead], CancellationToken.None)));
        Outcomes.Invalid(await WithClientsAsync(c => c.CreateAsync(Operator, new string('n', ApiClient.NameMaxLength + 1), [ApiScopes.InventoryRead], CancellationToken.None)));
    }

    [Fact]
    public async Task Verify_AGoodKey_NamesTheCaller_AndWritesTheLastUseAtMostOnceAMinute()
    {
        var created = Outcomes.Done(await WithClientsAsync(c => c.CreateAsync(Operator, "billing", [ApiScopes.InventoryRead], CancellationToken.None)));

        var caller = await WithClientsAsync(c => c.VerifyAsync(created.Key, CancellationToken.None));
        var first = _database.UtcNow;
        _database.Time.Advance(TimeSpan.FromSeconds(59));
        await WithClientsAsync(c => c.VerifyAsync(created.Key, CancellationToken.None));
        var afterSecond = await LastUsedAsync();
        _database.Time.Advance(TimeSpan.FromSeconds(2));
        await WithClientsAsync(c => c.VerifyAsync(created.Key, CancellationToken.None));

        Assert.NotNull(caller);
        Assert.Equal(new ApiCaller(created.Id, "billing", [ApiScopes.InventoryRead]), caller, new CallerComparer());
        Assert.Equal(first, afterSecond);
        Assert.Equal(_database.UtcNow, await LastUsedAsync());
    }

    [Fact]
    public async Task Verify_AWrongMalformedOrRevokedKey_IsNobody()
    {
        var created = Outcomes.Done(await WithClientsAsync(c => c.CreateAsync(Operator, "billing", [ApiScopes.InventoryRead], CancellationToken.None)));
        var parts = created.Key.Split('_', 3);
        string?[] wrong =
        [
            null, "", "icpk_", created.Key[..^1] + (created.Key[^1] == 'A' ? 'B' : 'A'), $"icpk_{new string('0', 16)}_{parts[2]}",
            $"icpk_{parts[1][..15]}_{parts[2]}", created.Key.Replace("icpk_", "icpx_", StringComparison.Ordinal), created.Key + new string('x', 200),
        ];

        foreach (var key in wrong)
        {
            Assert.Null(await WithClientsAsync(c => c.VerifyAsync(key, CancellationToken.None)));
        }

        Outcomes.Done(await WithClientsAsync(c => c.RevokeAsync(Operator, created.Id, CancellationToken.None)));
        Assert.Null(await WithClientsAsync(c => c.VerifyAsync(created.Key, CancellationToken.None)));
        Assert.Null(await LastUsedAsync());
    }

    [Fact]
    public async Task Revoke_Twice_IsRefused_AndAnUnknownClientIsNotFound()
    {
        var created = Outcomes.Done(await WithClientsAsync(c => c.CreateAsync(Operator, "billing", [ApiScopes.InventoryRead], CancellationToken.None)));

        var revoked = await WithClientsAsync(c => c.RevokeAsync(Operator, created.Id, CancellationToken.None));
        var again = await WithClientsAsync(c => c.RevokeAsync(Operator, created.Id, CancellationToken.None));
        var unknown = await WithClientsAsync(c => c.RevokeAsync(Operator, created.Id + 1, CancellationToken.None));

        Assert.Equal(created.Id, Outcomes.Done(revoked));
        Assert.Equal($"API client {created.Id} is already revoked.", Outcomes.RefusedBecause(again));
        Outcomes.NotFound(unknown);
        Assert.Equal([AuditActions.ApiClientCreated, AuditActions.ApiClientRevoked], (await _database.AuditAsync()).Select(a => a.Action));
        var listed = Assert.Single(await WithClientsAsync(c => c.ListAsync(CancellationToken.None)));
        Assert.Equal(_database.UtcNow, listed.RevokedAt);
    }

    private async Task<DateTime?> LastUsedAsync()
    {
        await using var db = _database.NewContext();
        return await db.ApiClients.Select(c => c.LastUsedAt).SingleAsync();
    }

    private sealed class CallerComparer : IEqualityComparer<ApiCaller>
    {
        public bool Equals(ApiCaller? x, ApiCaller? y) =>
            x is not null && y is not null && x.ClientId == y.ClientId && x.Name == y.Name && x.Scopes.SequenceEqual(y.Scopes);

        public int GetHashCode(ApiCaller obj) => obj.ClientId;
    }
}
