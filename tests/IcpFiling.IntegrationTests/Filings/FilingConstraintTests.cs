using IcpFiling.Core.Filings;
using IcpFiling.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static IcpFiling.IntegrationTests.Support.FilingCalls;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>The database itself refuses a number used twice and a domain submitted twice, whoever writes the rows.</summary>
public sealed class FilingConstraintTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;
    private long _first;
    private long _second;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(_owner, "i-constrained");
        _first = (await _database.NumberAsync(await _database.IssueAsync(_owner, instance.InstanceId, "k-1"))).Id;
        _second = (await _database.NumberAsync(await _database.IssueAsync(_owner, instance.InstanceId, "k-2"))).Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Insert_TwoFilingsWithTheSameNumber_IsRejected()
    {
        await InsertAsync(Row(_first, "first.cn"));

        await AssertRejectedAsync(Row(_first, "second.cn", FilingStatus.Cancelled), "UNIQUE constraint failed: Filings.ServiceNumberRef");
    }

    [Fact]
    public async Task Insert_TwoSubmittedFilingsOfTheSameDomain_IsRejected()
    {
        await InsertAsync(Row(_first, "xn--fsqu00a.xn--fiqs8s"));

        await AssertRejectedAsync(Row(_second, "xn--fsqu00a.xn--fiqs8s"), "UNIQUE constraint failed: Filings.DomainAscii");
    }

    [Theory]
    [InlineData(FilingStatus.Cancelled, FilingStatus.Submitted)]
    [InlineData(FilingStatus.Submitted, FilingStatus.Cancelled)]
    [InlineData(FilingStatus.ProviderRemoved, FilingStatus.Submitted)]
    [InlineData(FilingStatus.Cancelled, FilingStatus.ProviderRemoved)]
    public async Task Insert_FilingsOfTheSameDomainWhenAtMostOneIsSubmitted_IsAccepted(FilingStatus first, FilingStatus second)
    {
        await InsertAsync(Row(_first, "example.cn", first));
        await InsertAsync(Row(_second, "example.cn", second));

        Assert.Equal([first, second], (await _database.FilingsAsync()).Select(f => f.Status));
    }

    [Fact]
    public async Task Insert_AFilingWithANumberThatDoesNotExist_IsRejected()
    {
        await AssertRejectedAsync(Row(4242, "example.cn"), "FOREIGN KEY constraint failed", existing: 0);
    }

    [Fact]
    public async Task Update_ACancelledFilingBackToSubmittedWhileItsDomainIsSubmittedAgain_IsRejected()
    {
        await InsertAsync(Row(_first, "example.cn", FilingStatus.Cancelled));
        await InsertAsync(Row(_second, "example.cn"));

        await using var db = _database.NewContext();
        var exception = await Assert.ThrowsAsync<SqliteException>(() =>
            db.Filings.Where(f => f.ServiceNumberRef == _first).ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FilingStatus.Submitted)));
        Assert.Contains("UNIQUE constraint failed: Filings.DomainAscii", exception.Message, StringComparison.Ordinal);
    }

    private async Task AssertRejectedAsync(Filing row, string expectedSqliteMessage, int existing = 1)
    {
        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => InsertAsync(row));

        var sqlite = Assert.IsType<SqliteException>(exception.InnerException);
        Assert.Contains(expectedSqliteMessage, sqlite.Message, StringComparison.Ordinal);
        Assert.Equal(existing, (await _database.FilingsAsync()).Count);
    }

    private async Task InsertAsync(Filing row)
    {
        await using var db = _database.NewContext();
        db.Filings.Add(row);
        await db.SaveChangesAsync();
    }

    private Filing Row(long numberId, string domainAscii, FilingStatus status = FilingStatus.Submitted) => new()
    {
        Domain = domainAscii,
        DomainAscii = domainAscii,
        SubjectName = Subject,
        AccountId = _owner,
        ServiceNumberRef = numberId,
        Status = status,
        SubmittedAt = _database.UtcNow,
    };
}
