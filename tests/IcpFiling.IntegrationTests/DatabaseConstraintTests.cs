using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests;

/// <summary>The database itself refuses what the issuer must never write, whoever writes it.</summary>
public sealed class DatabaseConstraintTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;
    private Instance _instance = null!;
    private ServiceNumber _existing = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _instance = await _database.SeedInstanceAsync(_owner, "i-constrained");
        _existing = Row(slot: 1, idempotencyKey: "existing");
        await InsertAsync(_existing);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Insert_OfARowWithFreshValues_IsAccepted()
    {
        await InsertAsync(Row(slot: 2, idempotencyKey: "fresh"));

        Assert.Equal(2, (await _database.NumbersAsync()).Count);
    }

    [Fact]
    public async Task Insert_OfADuplicateNumber_IsRejected()
    {
        var duplicate = Row(slot: 2, idempotencyKey: "other", number: _existing.Number);

        await AssertRejectedAsync(duplicate, "UNIQUE constraint failed: ServiceNumbers.Number");
    }

    [Fact]
    public async Task Insert_OfADuplicateQuotaSlot_IsRejected()
    {
        var duplicate = Row(slot: _existing.Slot, idempotencyKey: "other");

        await AssertRejectedAsync(duplicate, "UNIQUE constraint failed: ServiceNumbers.QuotaKey, ServiceNumbers.Slot");
    }

    [Fact]
    public async Task Insert_OfADuplicateIdempotencyKeyForTheAccount_IsRejected()
    {
        var duplicate = Row(slot: 2, idempotencyKey: _existing.IdempotencyKey);

        await AssertRejectedAsync(duplicate, "UNIQUE constraint failed: ServiceNumbers.AccountId, ServiceNumbers.IdempotencyKey");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Insert_OfASlotBelowOne_IsRejectedByTheCheckConstraint(int slot)
    {
        await AssertRejectedAsync(Row(slot: slot, idempotencyKey: "other"), "CHECK constraint failed: CK_ServiceNumbers_Slot");
    }

    private async Task AssertRejectedAsync(ServiceNumber row, string expectedSqliteMessage)
    {
        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => InsertAsync(row));

        var sqlite = Assert.IsType<SqliteException>(exception.InnerException);
        Assert.Contains(expectedSqliteMessage, sqlite.Message, StringComparison.Ordinal);
        Assert.Single(await _database.NumbersAsync());
    }

    private async Task InsertAsync(ServiceNumber row)
    {
        await using var db = _database.NewContext();
        db.ServiceNumbers.Add(row);
        await db.SaveChangesAsync();
    }

    private ServiceNumber Row(int slot, string idempotencyKey, string? number = null) => new()
    {
        Number = number ?? ServiceNumberGenerator.NewNumber(),
        InstanceRef = _instance.Id,
        InstanceType = _instance.Type,
        AccountId = _owner,
        IssuedAt = _database.UtcNow,
        Channel = IssueChannel.ApplicationPage,
        QuotaKey = "instance:" + _instance.InstanceId,
        Slot = slot,
        IdempotencyKey = idempotencyKey,
    };
}
