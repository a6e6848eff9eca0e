using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Accounts;

/// <summary>People's API tokens on a real SQLite file: shown once and stored hashed, scoped by role, expiring, revocable.</summary>
public sealed class PersonalAccessTokensTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Create_ShowsTheTokenOnce_StoresOnlyAHash_AndTheTokenVerifiesAsItsAccount()
    {
        var created = Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "deploy script", [TokenScopes.NumbersRead, TokenScopes.NumbersApply], 30));

        Assert.StartsWith(PersonalAccessTokens.Prefix, created.Token, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        var stored = await db.PersonalAccessTokens.SingleAsync();
        Assert.DoesNotContain(stored.SecretHash, created.Token, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token.Split('_', 3)[2], stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(_database.UtcNow.AddDays(30), stored.ExpiresAt);
        var caller = await VerifyAsync(created.Token);
        Assert.Equal((_owner, Roles.Owner, "deploy script"), (caller!.AccountId, caller.Role, caller.TokenName));
        Assert.Equal([TokenScopes.NumbersApply, TokenScopes.NumbersRead], caller.Scopes);
        Assert.Single(await _database.AuditAsync(), a => a.Action == Core.Audit.AuditActions.TokenCreated && a.ActorId == _owner);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("icpt_")]
    [InlineData("icpk_0123456789abcdef_secret")]
    [InlineData("icpt_0123456789abcdef_not-the-secret")]
    public async Task Verify_RefusesMalformedAndUnknownTokens(string? text)
    {
        Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "real", [TokenScopes.NumbersRead], 30));

        Assert.Null(await VerifyAsync(text));
    }

    [Fact]
    public async Task Verify_RefusesAnotherTokensSecretUnderThisTokensId()
    {
        var first = Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "first", [TokenScopes.NumbersRead], 30));
        var second = Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "second", [TokenScopes.NumbersRead], 30));
        var mixed = $"{PersonalAccessTokens.Prefix}{first.Token.Split('_')[1]}_{second.Token.Split('_', 3)[2]}";

        Assert.Null(await VerifyAsync(mixed));
    }

    [Fact]
    public async Task Verify_AfterExpiry_RefusesTheToken()
    {
        var created = Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "short", [TokenScopes.NumbersRead], 1));
        Assert.NotNull(await VerifyAsync(created.Token));

        _database.Time.Advance(TimeSpan.FromDays(1));

        Assert.Null(await VerifyAsync(created.Token));
    }

    [Fact]
    public async Task Revoke_StopsTheToken_AnotherAccountCannotRevokeIt_AndRevokingAgainChangesNothing()
    {
        var other = await _database.SeedAccountAsync("other");
        var created = Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "revocable", [TokenScopes.NumbersRead], 30));

        var byOther = await RevokeAsync(Actor.Owner(other, null), created.Id);
        Assert.Equal(OutcomeKind.NotFound, byOther.Kind);
        Assert.NotNull(await VerifyAsync(created.Token));

        Assert.Equal(OutcomeKind.Done, (await RevokeAsync(Actor.Owner(_owner, null), created.Id)).Kind);
        Assert.Null(await VerifyAsync(created.Token));
        Assert.Equal(OutcomeKind.Replayed, (await RevokeAsync(Actor.Owner(_owner, null), created.Id)).Kind);
        Assert.Single(await _database.AuditAsync(), a => a.Action == Core.Audit.AuditActions.TokenRevoked);
    }

    [Fact]
    public async Task Verify_WhenTheAccountIsSuspendedOrLockedOut_RefusesTheToken()
    {
        var created = Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "t", [TokenScopes.NumbersRead], 30));
        await using var db = _database.NewContext();

        await db.Users.Where(u => u.Id == _owner).ExecuteUpdateAsync(s => s.SetProperty(u => u.Suspended, true));
        Assert.Null(await VerifyAsync(created.Token));

        await db.Users.Where(u => u.Id == _owner).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Suspended, false).SetProperty(u => u.LockoutEnd, new DateTimeOffset(_database.UtcNow.AddMinutes(5), TimeSpan.Zero)));
        Assert.Null(await VerifyAsync(created.Token));

        _database.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.NotNull(await VerifyAsync(created.Token));
    }

    [Fact]
    public async Task Create_WithScopesOutsideTheRole_OrBadNameOrLifetime_IsInvalidAndStoresNothing()
    {
        var reseller = await _database.SeedAccountAsync("reseller", Roles.Reseller);

        var ownerAskingCustomers = await CreateAsync(Actor.Owner(_owner, null), "x", [TokenScopes.CustomersRead], 30);
        var resellerAskingApply = await CreateAsync(new Actor(reseller, Roles.Reseller, null), "x", [TokenScopes.NumbersApply], 30);
        var support = await CreateAsync(Actor.Support("support", null), "x", [TokenScopes.NumbersRead], 30);
        var tooLong = await CreateAsync(Actor.Owner(_owner, null), "x", [TokenScopes.NumbersRead], PersonalAccessToken.MaxLifetimeDays + 1);
        var noName = await CreateAsync(Actor.Owner(_owner, null), "  ", [TokenScopes.NumbersRead], 30);

        Assert.Equal("Scopes", Assert.Single(ownerAskingCustomers.Problems).Field);
        Assert.Equal("Scopes", Assert.Single(resellerAskingApply.Problems).Field);
        Assert.Equal("Scopes", Assert.Single(support.Problems).Field);
        Assert.Equal("ExpiresInDays", Assert.Single(tooLong.Problems).Field);
        Assert.Equal("Name", Assert.Single(noName.Problems).Field);
        await using var db = _database.NewContext();
        Assert.Empty(await db.PersonalAccessTokens.ToListAsync());
        Assert.NotNull(Outcomes.Done(await CreateAsync(new Actor(reseller, Roles.Reseller, null), "customers", [TokenScopes.CustomersRead], 365)));
    }

    [Fact]
    public async Task Create_BeyondTheActiveLimit_IsRefused_UntilOneIsRevoked()
    {
        var tokens = new List<CreatedToken>();
        for (var i = 0; i < PersonalAccessTokens.MaxActivePerAccount; i++)
        {
            tokens.Add(Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), $"t{i}", [TokenScopes.NumbersRead], 30)));
        }

        Assert.Equal(OutcomeKind.Refused, (await CreateAsync(Actor.Owner(_owner, null), "one more", [TokenScopes.NumbersRead], 30)).Kind);
        await RevokeAsync(Actor.Owner(_owner, null), tokens[0].Id);
        Assert.Equal(OutcomeKind.Done, (await CreateAsync(Actor.Owner(_owner, null), "one more", [TokenScopes.NumbersRead], 30)).Kind);
    }

    [Fact]
    public async Task Verify_WritesLastUseAtMostOnceAMinute()
    {
        var created = Outcomes.Done(await CreateAsync(Actor.Owner(_owner, null), "busy", [TokenScopes.NumbersRead], 30));
        await VerifyAsync(created.Token);
        var first = await LastUsedAsync();

        _database.Time.Advance(TimeSpan.FromSeconds(30));
        await VerifyAsync(created.Token);
        Assert.Equal(first, await LastUsedAsync());

        _database.Time.Advance(TimeSpan.FromSeconds(31));
        await VerifyAsync(created.Token);
        Assert.Equal(_database.UtcNow, await LastUsedAsync());
    }

    private async Task<DateTime?> LastUsedAsync()
    {
        await using var db = _database.NewContext();
        return (await db.PersonalAccessTokens.SingleAsync()).LastUsedAt;
    }

    private async Task<Outcome<CreatedToken>> CreateAsync(Actor actor, string name, string[] scopes, int days)
    {
        await using var db = _database.NewContext();
        return await Tokens(db).CreateAsync(actor, name, scopes, days, CancellationToken.None);
    }

    private async Task<Outcome<int>> RevokeAsync(Actor actor, int id)
    {
        await using var db = _database.NewContext();
        return await Tokens(db).RevokeAsync(actor, id, CancellationToken.None);
    }

    private async Task<TokenCaller?> VerifyAsync(string? text)
    {
        await using var db = _database.NewContext();
        return await Tokens(db).VerifyAsync(text, CancellationToken.None);
    }

    private PersonalAccessTokens Tokens(Core.Persistence.IcpFilingDbContext db) => new(_database.Runner(db), db, _database.Time);
}
