using System.Globalization;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using static IcpFiling.IntegrationTests.Support.FilingCalls;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>Submitting filings one request at a time against a real SQLite file (docs/RULES.md (service identification numbers)).</summary>
public sealed class FilingCommandsTests : IAsyncLifetime
{
    private const string NotANumberMessage = "This is not a valid service identification number.";

    private TestDatabase _database = null!;
    private string _owner = null!;
    private string _stranger = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _stranger = await _database.SeedAccountAsync("stranger");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task SubmitWithInstance_WhenQualified_IssuesANumberUsesItAndStoresTheFilingWithItsAuditRows()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-direct");

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "例子.中国", correlationId: "corr-1"), instance.InstanceId, "file-1");

        var submitted = Outcomes.Done(result);
        var number = Assert.Single(await _database.NumbersAsync());
        Assert.Equal(submitted.Number, number.Number);
        Assert.Equal(ServiceNumberStatus.Used, number.Status);
        Assert.Equal(_database.UtcNow, number.UsedAt);
        Assert.Equal(IssueChannel.Filing, number.Channel);
        Assert.Equal((_owner, "instance:i-direct", 1, "file-1"), (number.AccountId, number.QuotaKey, number.Slot, number.IdempotencyKey));

        var filing = Assert.Single(await _database.FilingsAsync());
        Assert.Equal(submitted.FilingId, filing.Id);
        Assert.Equal(number.Id, filing.ServiceNumberRef);
        Assert.Equal(("例子.中国", "xn--fsqu00a.xn--fiqs8s", Subject, _owner), (filing.Domain, filing.DomainAscii, filing.SubjectName, filing.AccountId));
        Assert.Equal(FilingStatus.Submitted, filing.Status);
        Assert.Equal(_database.UtcNow, filing.SubmittedAt);
        Assert.Null(filing.ClosedAt);

        var audit = await _database.AuditAsync();
        var filingKey = filing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                (AuditActions.NumberIssued, AuditSubjects.ServiceNumber, number.Number),
                (AuditActions.NumberUsed, AuditSubjects.ServiceNumber, number.Number),
                (AuditActions.FilingSubmitted, AuditSubjects.Filing, filingKey),
            ],
            audit.Select(a => (a.Action, a.SubjectType, a.SubjectId)));
        Assert.All(audit, a => Assert.Equal((_owner, "corr-1", _database.UtcNow), (a.ActorId, a.CorrelationId, a.At)));
    }

    [Fact]
    public async Task SubmitWithInstance_ConsumesExactlyOneUnitOfTheQuota()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-quota");
        Outcomes.Done(await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), instance.InstanceId, "file-1"));

        for (var i = 1; i <= 4; i++)
        {
            Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, $"page-{i}")));
        }

        var refused = Outcomes.Refused(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "page-5")));
        var reason = Assert.Single(refused);
        Assert.Equal(EligibilityRuleId.Quota, Assert.Single(Outcomes.Rules(refused)));
        Assert.Equal("Quota used up (5/5).", reason.Message.ToEnglish());
        Assert.Equal(Enumerable.Range(1, 5), (await _database.NumbersAsync()).Select(n => n.Slot));
    }

    [Theory]
    [InlineData("example.cn", "example.cn", "example.cn")]
    [InlineData("example.cn", "EXAMPLE.CN.", "example.cn")]
    [InlineData("xn--fsqu00a.xn--fiqs8s", "例子.中国", "例子.中国")]
    [InlineData("例子.中国", "XN--FSQU00A.XN--FIQS8S", "例子.中国")]
    public async Task SubmitWithInstance_WhenTheDomainAlreadyHasASubmittedFiling_IsDomainTakenAndIssuesNothing(
        string filed, string again, string reported)
    {
        var first = await _database.SeedInstanceAsync(_owner, "i-first");
        var second = await _database.SeedInstanceAsync(_owner, "i-second");
        Outcomes.Done(await _database.SubmitWithInstanceAsync(Request(_owner, filed), first.InstanceId, "file-1"));
        var numbersBefore = await _database.NumbersAsync();
        var auditBefore = await _database.AuditCountAsync();

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, again), second.InstanceId, "file-2");

        Assert.Equal(string.Format(CultureInfo.InvariantCulture, FilingCommands.DomainTakenMessage, reported), Outcomes.RefusedBecause(result));
        var numbersAfter = await _database.NumbersAsync();
        Assert.Equal(numbersBefore.Select(n => n.Number), numbersAfter.Select(n => n.Number));
        Assert.DoesNotContain(numbersAfter, n => n.QuotaKey == "instance:i-second");
        Assert.Equal(auditBefore, await _database.AuditCountAsync());
        Assert.Single(await _database.FilingsAsync());

        // Nothing was issued, so the key is still free and the second instance's quota is whole.
        Outcomes.Done(await _database.SubmitWithInstanceAsync(Request(_owner, "another.cn"), second.InstanceId, "file-2"));
        Assert.Equal(1, Assert.Single(await _database.NumbersAsync(), n => n.QuotaKey == "instance:i-second").Slot);
    }

    [Fact]
    public async Task SubmitWithInstance_WhenAnotherAccountFiledTheDomainWithANumber_IsDomainTakenAndIssuesNothing()
    {
        var theirs = await _database.SeedInstanceAsync(_stranger, "i-theirs");
        var mine = await _database.SeedInstanceAsync(_owner, "i-mine");
        var number = await _database.IssueAsync(_stranger, theirs.InstanceId, "k");
        Outcomes.Done(await _database.SubmitWithNumberAsync(Request(_stranger, "shop.example.cn"), number));

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "Shop.Example.cn"), mine.InstanceId, "file-1");

        Assert.Equal(string.Format(CultureInfo.InvariantCulture, FilingCommands.DomainTakenMessage, "shop.example.cn"), Outcomes.RefusedBecause(result));
        Assert.Single(await _database.NumbersAsync());
    }

    [Fact]
    public async Task SubmitWithInstance_SameKeyTwice_StoresOneFilingWithOneNumberAndReplaysIt()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-replay");
        var request = Request(_owner, "example.cn");

        var first = Outcomes.Done(await _database.SubmitWithInstanceAsync(request, instance.InstanceId, "double-click"));
        _database.Time.Advance(TimeSpan.FromMinutes(5));
        var second = Outcomes.Replayed(await _database.SubmitWithInstanceAsync(request, instance.InstanceId, "double-click"));

        Assert.Equal(first, second);
        Assert.Single(await _database.NumbersAsync());
        Assert.Equal(first.FilingId, Assert.Single(await _database.FilingsAsync()).Id);
        Assert.Equal(3, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task SubmitWithInstance_OnAnotherAccountsInstance_IsNotFoundAndWritesNothing()
    {
        var theirs = await _database.SeedInstanceAsync(_stranger, "i-not-yours");

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), theirs.InstanceId, "file-1");

        Outcomes.NotFound(result);
        Assert.Empty(await _database.NumbersAsync());
        Assert.Empty(await _database.FilingsAsync());
    }

    [Fact]
    public async Task SubmitWithInstance_OnAStoppedInstance_IsInstanceRefusedAndWritesNothing()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-stopped", change: i => i.Status = InstanceStatus.Stopped);

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), instance.InstanceId, "file-1");

        var refused = Outcomes.Refused(result);
        Assert.Equal([EligibilityRuleId.Running], Outcomes.Rules(refused));
        Assert.Empty(await _database.NumbersAsync());
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task SubmitWithNumber_WhenUnused_UsesTheNumberAndStoresTheFilingWithItsAuditRows()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-number");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
        _database.Time.Advance(TimeSpan.FromHours(1));

        var result = await _database.SubmitWithNumberAsync(Request(_owner, "Example.CN", correlationId: "corr-2"), "  " + number.ToUpperInvariant() + " ");

        var submitted = Outcomes.Done(result);
        Assert.Equal(number, submitted.Number);
        var row = await _database.NumberAsync(number);
        Assert.Equal((ServiceNumberStatus.Used, (DateTime?)_database.UtcNow), (row.Status, row.UsedAt));
        var filing = Assert.Single(await _database.FilingsAsync());
        Assert.Equal((submitted.FilingId, row.Id, "example.cn", "example.cn"), (filing.Id, filing.ServiceNumberRef, filing.Domain, filing.DomainAscii));
        var audit = await _database.AuditAsync();
        Assert.Equal(
            [AuditActions.NumberIssued, AuditActions.NumberUsed, AuditActions.FilingSubmitted],
            audit.Select(a => a.Action));
        Assert.All(audit.Skip(1), a => Assert.Equal("corr-2", a.CorrelationId));
    }

    [Fact]
    public async Task SubmitWithNumber_GivenByTheOwnerToAnotherAccount_IsFiledByThatAccount()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-given");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");

        var result = await _database.SubmitWithNumberAsync(Request(_stranger, "example.cn"), number);

        Outcomes.Done(result);
        Assert.Equal(_stranger, Assert.Single(await _database.FilingsAsync()).AccountId);
        Assert.Equal(_owner, (await _database.NumberAsync(number)).AccountId);
    }

    [Fact]
    public async Task SubmitWithNumber_WhenNumberAlreadyUsed_RefusesAndChangesNothing()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-used");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
        Outcomes.Done(await _database.SubmitWithNumberAsync(Request(_owner, "first.cn"), number));
        var auditBefore = await _database.AuditCountAsync();

        var result = await _database.SubmitWithNumberAsync(Request(_stranger, "second.cn"), number);

        Assert.Equal(ServiceNumberUsability.AlreadyUsed, Outcomes.RefusedBecause(result));
        Assert.Equal("first.cn", Assert.Single(await _database.FilingsAsync()).DomainAscii);
        Assert.Equal(auditBefore, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task SubmitWithNumber_WhenNoSuchNumber_IsNumberRefusedNotFound()
    {
        var counter = new CommandCounter();

        var result = await _database.SubmitWithNumberAsync(Request(_owner, "example.cn"), "32a43232-a888-48e8-b9ec-00888be8c1d0", counter);

        Assert.Equal(ServiceNumberUsability.NotFound, Outcomes.RefusedBecause(result));
        Assert.Empty(await _database.FilingsAsync());
        Assert.True(counter.Count > 0, "The counter must see a call that does reach the database.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("+2a43232-a888-48e8-b9ec-00888be8c1d0")]
    [InlineData("0x2a4323-a888-48e8-b9ec-00888be8c1d0")]
    [InlineData("32a43232a88848e8b9ec00888be8c1d0")]
    [InlineData("{32a43232-a888-48e8-b9ec-00888be8c1d0}")]
    [InlineData("32a43232-a888-48e8-b9ec-00888be8c1d")]
    public async Task SubmitWithNumber_WhenInputIsNotNumberShaped_IsInvalidWithoutTouchingTheDatabase(string? input)
    {
        var counter = new CommandCounter();

        var result = await _database.SubmitWithNumberAsync(Request(_owner, "example.cn"), input, counter);

        var invalid = Outcomes.ByField(Outcomes.Invalid(result));
        Assert.Equal(new Dictionary<string, string> { ["ServiceNumber"] = NotANumberMessage }, invalid);
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task SubmitWithNumber_WhenEveryFieldIsWrong_ReportsEachFieldWithoutTouchingTheDatabase()
    {
        var counter = new CommandCounter();

        var result = await _database.SubmitWithNumberAsync(Request(_owner, "http://example.cn", subject: "  "), "abc", counter);

        var invalid = Outcomes.ByField(Outcomes.Invalid(result));
        Assert.Equal(["Domain", "ServiceNumber", "SubjectName"], invalid.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Enter the domain name only, without http:// or https://.", invalid["Domain"]);
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task SubmitWithNumber_WhenInstanceStatusIsExpired_IsRefusedAsInstanceGoneAndTheNumberStaysUnused()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-expired");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
        await ChangeInstanceAsync(instance.InstanceId, i => i.Status = InstanceStatus.Expired);

        await AssertRefusedAsync(number, ServiceNumberUsability.InstanceGone);
    }

    [Fact]
    public async Task SubmitWithNumber_WhenInstanceExpiryHasPassed_IsRefusedAsInstanceGoneAndTheNumberStaysUnused()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-lapsed");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
        _database.Time.SetUtcNow(new DateTimeOffset(instance.ExpiresAt, TimeSpan.Zero));

        await AssertRefusedAsync(number, ServiceNumberUsability.InstanceGone);
    }

    [Fact]
    public async Task SubmitWithNumber_WhenInstanceReleased_IsRefusedAsInstanceGone()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-released");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
        await ChangeInstanceAsync(instance.InstanceId, i => i.Status = InstanceStatus.Released);

        await AssertRefusedAsync(number, ServiceNumberUsability.InstanceGone);
    }

    [Fact]
    public async Task SubmitWithNumber_WhenInstanceStopped_IsRefusedAsNotRunning()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-halted");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
        await ChangeInstanceAsync(instance.InstanceId, i => i.Status = InstanceStatus.Stopped);

        await AssertRefusedAsync(number, ServiceNumberUsability.InstanceNotRunning);
    }

    [Fact]
    public async Task SubmitWithNumber_WhenVoided_IsRefusedAsVoided()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-voided");
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
        await using (var db = _database.NewContext())
        {
            var row = await db.ServiceNumbers.SingleAsync(n => n.Number == number);
            Assert.Null(row.Void("leaked in a forum post", _database.UtcNow));
            await db.SaveChangesAsync();
        }

        await AssertRefusedAsync(number, ServiceNumberUsability.Voided, ServiceNumberStatus.Invalid);
    }

    [Fact]
    public async Task Close_ByAnotherAccount_IsNotFoundAndChangesNothing()
    {
        var (filingId, _) = await FileAsync("example.cn");

        Assert.Equal(OutcomeKind.NotFound, (await _database.CloseAsync(_stranger, filingId, FilingStatus.Cancelled)).Kind);

        Assert.Equal(FilingStatus.Submitted, Assert.Single(await _database.FilingsAsync()).Status);
        Assert.DoesNotContain(await _database.AuditAsync(), a => a.SubjectType == AuditSubjects.Filing && a.Action != AuditActions.FilingSubmitted);
    }

    [Fact]
    public async Task Close_UnknownFiling_IsNotFound()
    {
        Assert.Equal(OutcomeKind.NotFound, (await _database.CloseAsync(_owner, 4242, FilingStatus.Cancelled)).Kind);
    }

    [Fact]
    public async Task Close_ToSubmitted_IsNotATransitionAndThrows()
    {
        var (filingId, _) = await FileAsync("example.cn");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _database.CloseAsync(_owner, filingId, FilingStatus.Submitted));
    }

    [Theory]
    [InlineData(FilingStatus.Cancelled, AuditActions.FilingCancelled)]
    [InlineData(FilingStatus.ProviderRemoved, AuditActions.FilingProviderRemoved)]
    public async Task Close_ASubmittedFiling_ClosesItOnceWithOneAuditRowAndTheSecondTimeIsNotSubmitted(FilingStatus to, string action)
    {
        var (filingId, number) = await FileAsync("example.cn");
        _database.Time.Advance(TimeSpan.FromDays(3));

        Assert.Equal(OutcomeKind.Done, (await _database.CloseAsync(_owner, filingId, to)).Kind);
        Assert.Equal(OutcomeKind.Refused, (await _database.CloseAsync(_owner, filingId, FilingStatus.Cancelled)).Kind);
        Assert.Equal(OutcomeKind.Refused, (await _database.CloseAsync(_owner, filingId, FilingStatus.ProviderRemoved)).Kind);

        var filing = Assert.Single(await _database.FilingsAsync());
        Assert.Equal((to, (DateTime?)_database.UtcNow), (filing.Status, filing.ClosedAt));
        var closing = Assert.Single(await _database.AuditAsync(), a => a.Action is AuditActions.FilingCancelled or AuditActions.FilingProviderRemoved);
        Assert.Equal(
            (action, AuditSubjects.Filing, filingId.ToString(System.Globalization.CultureInfo.InvariantCulture), _owner, "corr-close", "service number stays Used"),
            (closing.Action, closing.SubjectType, closing.SubjectId, closing.ActorId, closing.CorrelationId, closing.Detail));
        Assert.Equal(ServiceNumberStatus.Used, (await _database.NumberAsync(number)).Status);
    }

    [Theory]
    [InlineData(FilingStatus.Cancelled)]
    [InlineData(FilingStatus.ProviderRemoved)]
    public async Task SubmitWithNumber_AfterItsFilingWasClosed_IsRefusedAsAlreadyUsed(FilingStatus closedAs)
    {
        var (filingId, number) = await FileAsync("example.cn");
        Assert.Equal(OutcomeKind.Done, (await _database.CloseAsync(_owner, filingId, closedAs)).Kind);

        Assert.Equal(ServiceNumberUsability.AlreadyUsed, Refusal(await _database.SubmitWithNumberAsync(Request(_owner, "example.cn"), number)));
        Assert.Equal(ServiceNumberUsability.AlreadyUsed, Refusal(await _database.SubmitWithNumberAsync(Request(_owner, "other.cn"), number)));
        Assert.Equal(ServiceNumberUsability.AlreadyUsed, Refusal(await _database.SubmitWithNumberAsync(Request(_stranger, "third.cn"), number)));

        Assert.Equal(ServiceNumberStatus.Used, (await _database.NumberAsync(number)).Status);
        Assert.Single(await _database.FilingsAsync());
    }

    [Theory]
    [InlineData(FilingStatus.Cancelled)]
    [InlineData(FilingStatus.ProviderRemoved)]
    public async Task SubmitWithNumber_ForADomainWhoseFilingWasClosed_IsAcceptedWithANewNumber(FilingStatus closedAs)
    {
        var (filingId, oldNumber) = await FileAsync("例子.中国");
        Assert.Equal(OutcomeKind.Done, (await _database.CloseAsync(_owner, filingId, closedAs)).Kind);
        var instance = await _database.SeedInstanceAsync(_owner, "i-new");
        var newNumber = await _database.IssueAsync(_owner, instance.InstanceId, "k-new");

        var result = await _database.SubmitWithNumberAsync(Request(_owner, "例子.中国"), newNumber);

        var submitted = Outcomes.Done(result);
        var filings = await _database.FilingsAsync();
        Assert.Equal([(closedAs, filingId), (FilingStatus.Submitted, submitted.FilingId)], filings.Select(f => (f.Status, f.Id)));
        Assert.All(filings, f => Assert.Equal("xn--fsqu00a.xn--fiqs8s", f.DomainAscii));
        Assert.Equal(ServiceNumberStatus.Used, (await _database.NumberAsync(oldNumber)).Status);
        Assert.Equal(ServiceNumberStatus.Used, (await _database.NumberAsync(newNumber)).Status);

        // Once again submitted, the domain is taken again.
        var third = await _database.SeedInstanceAsync(_owner, "i-third");
        Outcomes.Refused(await _database.SubmitWithInstanceAsync(Request(_owner, "例子.中国"), third.InstanceId, "k-third"));
    }

    private static string Refusal(Outcome<SubmittedFiling> result) => Outcomes.RefusedBecause(result);

    /// <summary>Files <paramref name="domain"/> for the owner with a number of a fresh instance.</summary>
    private async Task<(long FilingId, string Number)> FileAsync(string domain)
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-" + Guid.NewGuid().ToString("N")[..12]);
        var number = await _database.IssueAsync(_owner, instance.InstanceId, "k-file");
        var submitted = Outcomes.Done(await _database.SubmitWithNumberAsync(Request(_owner, domain), number));
        return (submitted.FilingId, number);
    }

    private async Task AssertRefusedAsync(string number, string reason, ServiceNumberStatus stays = ServiceNumberStatus.Unused)
    {
        var auditBefore = await _database.AuditCountAsync();

        var result = await _database.SubmitWithNumberAsync(Request(_owner, "example.cn"), number);

        Assert.Equal(reason, Outcomes.RefusedBecause(result));
        var row = await _database.NumberAsync(number);
        Assert.Equal(stays, row.Status);
        Assert.Null(row.UsedAt);
        Assert.Empty(await _database.FilingsAsync());
        Assert.Equal(auditBefore, await _database.AuditCountAsync());
    }

    private async Task ChangeInstanceAsync(string instanceId, Action<Instance> change)
    {
        await using var db = _database.NewContext();
        change(await db.Instances.SingleAsync(i => i.InstanceId == instanceId));
        await db.SaveChangesAsync();
    }
}
