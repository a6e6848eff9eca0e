using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.ServiceNumbers;

/// <summary>
/// A change made set-based (<see cref="NumberUpdates"/>) stores what the number's own method stores, touches only
/// numbers in the change's From status, and says how many it changed.
/// </summary>
public sealed class NumberUpdatesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;
    private string _instanceId = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _instanceId = (await _database.SeedInstanceAsync(_owner, "i-updates")).InstanceId;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public static TheoryData<string> Transitions => [.. NumberTransitions.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task SetBased_StoresWhatTheEntitysOwnChangeStores(string name)
    {
        var transition = NumberTransitions.All.Single(t => t.Name == name);
        var byEntity = await _database.IssueAsync(_owner, _instanceId, "entity");
        var bySet = await _database.IssueAsync(_owner, _instanceId, "set");

        await using (var db = _database.NewContext())
        {
            var number = await db.ServiceNumbers.SingleAsync(n => n.Number == byEntity);
            var refused = name switch
            {
                nameof(NumberTransitions.MarkUsed) => number.MarkUsed(_database.UtcNow),
                nameof(NumberTransitions.Void) => number.Void("leaked", _database.UtcNow),
                _ => number.EndWithInstance(_database.UtcNow),
            };
            Assert.Null(refused);
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.ServiceNumbers.Where(n => n.Number == bySet)
                .ApplyAsync(transition, _database.UtcNow, CancellationToken.None, name == nameof(NumberTransitions.Void) ? "leaked" : null));
        }

        var entity = await _database.NumberAsync(byEntity);
        var set = await _database.NumberAsync(bySet);
        Assert.Equal(transition.To, set.Status);
        Assert.Equal(
            (entity.Status, entity.UsedAt, entity.InvalidCause, entity.VoidedAt, entity.VoidReason),
            (set.Status, set.UsedAt, set.InvalidCause, set.VoidedAt, set.VoidReason));
    }

    [Fact]
    public async Task SetBased_TouchesOnlyNumbersInTheChangesFromStatus_AndCountsThem()
    {
        var used = await _database.IssueAsync(_owner, _instanceId, "a");
        var unused = await _database.IssueAsync(_owner, _instanceId, "b");
        await using var db = _database.NewContext();
        await db.ServiceNumbers.Where(n => n.Number == used).ApplyAsync(NumberTransitions.MarkUsed, _database.UtcNow, CancellationToken.None);

        var ended = await db.ServiceNumbers.Where(n => n.Number == used || n.Number == unused)
            .ApplyAsync(NumberTransitions.EndWithInstance, _database.UtcNow, CancellationToken.None);

        Assert.Equal(1, ended);
        Assert.Equal(ServiceNumberStatus.Used, (await _database.NumberAsync(used)).Status);
        Assert.Equal(InvalidCause.InstanceEnded, (await _database.NumberAsync(unused)).InvalidCause);
    }

    [Fact]
    public async Task Restrict_SetBased_OnlyWhileUnused()
    {
        var used = await _database.IssueAsync(_owner, _instanceId, "a");
        var unused = await _database.IssueAsync(_owner, _instanceId, "b");
        var other = await _database.SeedAccountAsync("other");
        await using var db = _database.NewContext();
        await db.ServiceNumbers.Where(n => n.Number == used).ApplyAsync(NumberTransitions.MarkUsed, _database.UtcNow, CancellationToken.None);

        var restricted = await db.ServiceNumbers.Where(n => n.Number == used || n.Number == unused)
            .RestrictAsync(other, "note", _database.UtcNow, CancellationToken.None);

        Assert.Equal(1, restricted);
        Assert.Null((await _database.NumberAsync(used)).RestrictedToAccountId);
        var granted = await _database.NumberAsync(unused);
        Assert.Equal((other, "note", _database.UtcNow), (granted.RestrictedToAccountId, granted.RestrictionNote, granted.RestrictedAt));
    }
}
