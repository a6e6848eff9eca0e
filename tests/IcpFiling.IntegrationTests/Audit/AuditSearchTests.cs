using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Paging;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.Audit;

/// <summary>
/// The administrators' search of the whole audit trail, on a real SQLite file: by actor, action (exact or family),
/// subject and days of the console's calendar (China, UTC+8, both days inclusive), newest first, as pages and as a stream.
/// </summary>
public sealed class AuditSearchTests : IAsyncLifetime
{
    // 26 November in China runs from 25 November 16:00 to 26 November 16:00 UTC.
    private static readonly DateTime DayStart = new(2026, 11, 25, 16, 0, 0, DateTimeKind.Utc);

    private TestDatabase _database = null!;
    private string _admin = null!;
    private string _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _admin = await _database.SeedAccountAsync("admin", Roles.Admin);
        _owner = await _database.SeedAccountAsync("owner");
        await using var db = _database.NewContext();
        db.AuditEntries.AddRange(
            Row("before", DayStart.AddSeconds(-1), _admin, AuditActions.AccountLocked, AuditSubjects.Account, _owner),
            Row("first", DayStart, "api-client:3", AuditActions.InstanceCreated, AuditSubjects.Instance, "i-1"),
            Row("last", DayStart.AddDays(1).AddSeconds(-1), _owner, AuditActions.NumberIssued, AuditSubjects.ServiceNumber, "n-1"),
            Row("after", DayStart.AddDays(1), _admin, AuditActions.AccountUnlocked, AuditSubjects.Account, _owner),
            Row("after-too", DayStart.AddDays(1), "api-client:3", AuditActions.InstanceUpdated, AuditSubjects.Instance, _owner));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Each row says which it is in its correlation id.</summary>
    private static AuditEntry Row(string name, DateTime at, string actorId, string action, string subjectType, string subjectId) =>
        AuditEntry.Record(at, new Actor(actorId, Roles.Admin, name), action, subjectType, subjectId, "detail " + name);

    private async Task<List<string?>> SearchAsync(string? actor = null, string? action = null, string? subject = null, DateOnly? from = null, DateOnly? to = null)
    {
        var page = await SearchPageAsync(new AuditFilter(actor, action, subject, from, to), new PageRequest(1, 50));
        return [.. page.Items.Select(r => r.CorrelationId)];
    }

    private async Task<Paged<AuditRow>> SearchPageAsync(AuditFilter filter, PageRequest page)
    {
        await using var db = _database.NewContext();
        return await new AuditSearch(db, DomainTable.Calendar()).SearchAsync(filter, page, CancellationToken.None);
    }

    [Fact]
    public async Task WithoutFilters_EveryRowNewestFirst_AndTheLaterWrittenFirstAtTheSameInstant()
    {
        Assert.Equal(["after-too", "after", "last", "first", "before"], await SearchAsync());
        Assert.Equal(["after-too", "after", "last", "first", "before"], await SearchAsync("  ", " ", "\t"));
    }

    [Fact]
    public async Task ARow_CarriesTheEntryWithTheActorsAndTheSubjectAccountsEmail()
    {
        var page = await SearchPageAsync(new AuditFilter(null, null, null, null, null), new PageRequest(1, 50));

        var after = page.Items[1];
        Assert.Equal(("after", _admin, "admin@example.com", Roles.Admin, AuditActions.AccountUnlocked, AuditSubjects.Account, _owner, "owner@example.com", "detail after"),
            (after.CorrelationId, after.ActorId, after.ActorEmail, after.ActorRole, after.Action, after.SubjectType, after.SubjectId, after.SubjectName, after.Detail));
        Assert.Equal(DayStart.AddDays(1), after.At);
        Assert.Null(page.Items[0].ActorEmail);
    }

    [Theory]
    [InlineData(" ADMIN@example.COM ")]
    [InlineData("admin@example.com")]
    public async Task ByActorEmail_FindsWhatThatAccountDid_InAnyCase(string actor)
    {
        Assert.Equal(["after", "before"], await SearchAsync(actor: actor));
    }

    [Fact]
    public async Task ByActorId_FindsWhatAnApiClientOrAnAccountDid()
    {
        Assert.Equal(["after-too", "first"], await SearchAsync(actor: " api-client:3 "));
        Assert.Equal(["last"], await SearchAsync(actor: _owner));
        Assert.Empty(await SearchAsync(actor: "nobody@example.com"));
    }

    [Fact]
    public async Task ByAction_IsExact_OrAFamilyWhenItEndsInADot()
    {
        Assert.Equal(["before"], await SearchAsync(action: " " + AuditActions.AccountLocked + " "));
        Assert.Equal(["after", "before"], await SearchAsync(action: "account."));
        Assert.Equal(["after-too", "first"], await SearchAsync(action: "instance."));
        Assert.Empty(await SearchAsync(action: "account"));
        Assert.Empty(await SearchAsync(action: "account.lock"));
    }

    [Fact]
    public async Task BySubject_FindsItsIdOrAnAccountNamedByItsEmail()
    {
        Assert.Equal(["first"], await SearchAsync(subject: " i-1 "));
        Assert.Equal(["after-too", "after", "before"], await SearchAsync(subject: _owner));
        Assert.Equal(["after-too", "after", "before"], await SearchAsync(subject: "Owner@Example.com"));
        Assert.Empty(await SearchAsync(subject: "nobody@example.com"));
    }

    [Fact]
    public async Task ByDays_TheConsolesCalendarDaysBothInclusive()
    {
        var day = new DateOnly(2026, 11, 26);

        Assert.Equal(["last", "first"], await SearchAsync(from: day, to: day));
        Assert.Equal(["after-too", "after", "last", "first"], await SearchAsync(from: day));
        Assert.Equal(["last", "first", "before"], await SearchAsync(to: day));
        Assert.Equal(["after-too", "after"], await SearchAsync(from: day.AddDays(1)));
        Assert.Equal(["before"], await SearchAsync(to: day.AddDays(-1)));
    }

    [Fact]
    public async Task Filters_AllApplyAtOnce()
    {
        Assert.Equal(["after"], await SearchAsync(actor: "admin@example.com", action: "account.", subject: "owner@example.com", from: new DateOnly(2026, 11, 27)));
        Assert.Empty(await SearchAsync(actor: "api-client:3", action: "account."));
    }

    [Fact]
    public async Task Pages_CountEveryMatch_AndAPagePastTheEndShowsTheLast()
    {
        var second = await SearchPageAsync(new AuditFilter(null, "account.", null, null, null), new PageRequest(2, 1));
        var past = await SearchPageAsync(new AuditFilter(null, null, null, null, null), new PageRequest(9, 2));

        Assert.Equal((2, 2, "before"), (second.Total, second.Page, Assert.Single(second.Items).CorrelationId));
        Assert.Equal((5, 3, "before"), (past.Total, past.Page, Assert.Single(past.Items).CorrelationId));
    }

    [Fact]
    public async Task Stream_GivesEveryMatchInTheSameOrder()
    {
        await using var db = _database.NewContext();
        var search = new AuditSearch(db, DomainTable.Calendar());

        var all = new List<string?>();
        await foreach (var row in search.StreamAsync(new AuditFilter(null, null, null, null, null), CancellationToken.None))
        {
            all.Add(row.CorrelationId);
        }

        var filtered = new List<AuditRow>();
        await foreach (var row in search.StreamAsync(new AuditFilter("admin@example.com", null, null, new DateOnly(2026, 11, 27), null), CancellationToken.None))
        {
            filtered.Add(row);
        }

        Assert.Equal(["after-too", "after", "last", "first", "before"], all);
        Assert.Equal(("after", "owner@example.com"), (Assert.Single(filtered).CorrelationId, filtered[0].SubjectName));
    }

    [Fact]
    public async Task Actions_AreTheDistinctActionsStored_InOrder()
    {
        await using (var db = _database.NewContext())
        {
            db.AuditEntries.Add(Row("again", DayStart, _admin, AuditActions.AccountLocked, AuditSubjects.Account, _owner));
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var actions = await new AuditSearch(read, DomainTable.Calendar()).ActionsAsync(CancellationToken.None);

        Assert.Equal(
            [AuditActions.AccountLocked, AuditActions.AccountUnlocked, AuditActions.InstanceCreated, AuditActions.InstanceUpdated, AuditActions.NumberIssued],
            actions);
    }
}
