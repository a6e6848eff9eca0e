using System.Globalization;
using IcpFiling.Core;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using static IcpFiling.IntegrationTests.Support.FilingCalls;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>
/// The filing commands at their edges on a real SQLite file: the subject's length limit, the instance and key
/// a form must carry, a key that already served another purpose, the audit details, and a claim lost after
/// its check.
/// </summary>
public sealed class FilingCommandsBoundaryTests : IAsyncLifetime
{
    private const string InstanceId = "i-filing";

    private TestDatabase _database = null!;
    private string _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        await _database.SeedInstanceAsync(_owner, InstanceId);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Submit_WithASubjectOfExactlyTheLimit_IsDoneAndStoresItTrimmed()
    {
        var subject = new string('S', InputLimits.SubjectNameMaxLength);

        var withInstance = await _database.SubmitWithInstanceAsync(Request(_owner, "one.example.cn", "  " + subject + "  "), InstanceId, "k1");
        var number = await _database.IssueAsync(_owner, InstanceId, "k2");
        var withNumber = await _database.SubmitWithNumberAsync(Request(_owner, "two.example.cn", subject), number);

        Outcomes.Done(withInstance);
        Outcomes.Done(withNumber);
        Assert.All(await _database.FilingsAsync(), f => Assert.Equal(subject, f.SubjectName));
    }

    [Fact]
    public async Task Submit_WithASubjectOneOverTheLimit_IsInvalidOnTheSubjectAndWritesNothing()
    {
        var subject = new string('S', InputLimits.SubjectNameMaxLength + 1);
        var number = await _database.IssueAsync(_owner, InstanceId, "k1");

        var withInstance = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn", subject), InstanceId, "k2");
        var withNumber = await _database.SubmitWithNumberAsync(Request(_owner, "example.cn", subject), number);

        var expected = new Dictionary<string, string> { ["SubjectName"] = "The filing subject can be at most 200 characters long." };
        Assert.Equal(expected, Outcomes.ByField(Outcomes.Invalid(withInstance)));
        Assert.Equal(expected, Outcomes.ByField(Outcomes.Invalid(withNumber)));
        Assert.Empty(await _database.FilingsAsync());
        Assert.Single(await _database.NumbersAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SubmitWithInstance_WithoutAnInstanceOrASubject_IsInvalidOnEachField(string? blank)
    {
        var counter = new CommandCounter();

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn", blank), blank, "k1", counter);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["InstanceId"] = "Choose one of your instances.",
                ["SubjectName"] = "Enter the filing subject: the organisation or person filing.",
            },
            Outcomes.ByField(Outcomes.Invalid(result)));
        Assert.Equal(0, counter.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("k\u00e9y")]
    public async Task SubmitWithInstance_WithAMissingOrMalformedKey_IsInvalidOnTheKeyWithoutTouchingTheDatabase(string? key)
    {
        var counter = new CommandCounter();

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), InstanceId, key, counter);

        Assert.Equal(
            new Dictionary<string, string> { ["IdempotencyKey"] = IssuerMessages.FormIncomplete },
            Outcomes.ByField(Outcomes.Invalid(result)));
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task SubmitWithInstance_WithAKeyOfExactlyTheLimit_IsDoneAndOneOverIsInvalid()
    {
        var longest = new string('k', InputLimits.IdempotencyKeyMaxLength);

        var tooLong = await _database.SubmitWithInstanceAsync(Request(_owner, "one.example.cn"), InstanceId, longest + "k");
        var atLimit = await _database.SubmitWithInstanceAsync(Request(_owner, "two.example.cn"), InstanceId, longest);

        Assert.Equal("IdempotencyKey", Assert.Single(Outcomes.Invalid(tooLong)).Field);
        Outcomes.Done(atLimit);
        Assert.Equal(longest, Assert.Single(await _database.NumbersAsync()).IdempotencyKey);
    }

    [Fact]
    public async Task SubmitWithInstance_WithAKeyAlreadyUsedForAnotherInstance_IsInvalidOnTheKeyAndWritesNothing()
    {
        await _database.SeedInstanceAsync(_owner, "i-second");
        var first = Outcomes.Done(await _database.SubmitWithInstanceAsync(Request(_owner, "one.example.cn"), InstanceId, "k1"));

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "two.example.cn"), "i-second", "k1");

        Assert.Equal(
            new Dictionary<string, string> { ["IdempotencyKey"] = IssuerMessages.KeyReused },
            Outcomes.ByField(Outcomes.Invalid(result)));
        Assert.Equal(first.Number, Assert.Single(await _database.NumbersAsync()).Number);
        Assert.Single(await _database.FilingsAsync());
    }

    [Fact]
    public async Task SubmitWithInstance_WithTheKeyOfAnApplyThatMadeNoFiling_IsInvalidAndLeavesTheNumberUnused()
    {
        var applied = await _database.IssueAsync(_owner, InstanceId, "k1");

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), InstanceId, "k1");

        Assert.Equal(
            new Dictionary<string, string> { ["IdempotencyKey"] = IssuerMessages.FormIncomplete },
            Outcomes.ByField(Outcomes.Invalid(result)));
        var number = Assert.Single(await _database.NumbersAsync());
        Assert.Equal((applied, ServiceNumberStatus.Unused), (number.Number, number.Status));
        Assert.Empty(await _database.FilingsAsync());
    }

    [Fact]
    public async Task SubmitWithInstance_Twice_AnswersTheReplayWithTheFirstFilingInPlainWords()
    {
        var first = Outcomes.Done(await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), InstanceId, "k1"));

        var again = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), InstanceId, "k1");

        Assert.Equal(first, Outcomes.Replayed(again));
        Assert.Equal(
            $"This filing was already submitted with service identification number {first.Number}. Nothing new was submitted.",
            again.Message!.ToEnglish());
    }

    [Fact]
    public async Task SubmitWithInstance_WritesTheIssueUseAndFilingAuditDetailsExactly()
    {
        var submitted = await _database.SubmitWithInstanceAsync(Request(_owner, "例子.中国"), InstanceId, "k1");

        var filing = Outcomes.Done(submitted);
        Assert.Equal($"The ICP filing was submitted with service identification number {filing.Number}.", submitted.Message!.ToEnglish());
        var filingKey = filing.FilingId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                (AuditActions.NumberIssued, $"instance={InstanceId}; quota=instance:{InstanceId}; slot=1/5; channel=Filing"),
                (AuditActions.NumberUsed, $"filing={filingKey}; domain=xn--fsqu00a.xn--fiqs8s"),
                (AuditActions.FilingSubmitted, $"domain=xn--fsqu00a.xn--fiqs8s; number={filing.Number}"),
            ],
            (await _database.AuditAsync()).Select(a => (a.Action, a.Detail)));
    }

    [Fact]
    public async Task SubmitWithNumber_WritesTheUseAndFilingAuditDetailsExactly()
    {
        await _database.IssueAsync(_owner, InstanceId, "k1");
        var number = await _database.IssueAsync(_owner, InstanceId, "k2");

        var submitted = await _database.SubmitWithNumberAsync(Request(_owner, "Example.CN"), number);

        var filing = Outcomes.Done(submitted);
        Assert.Equal($"The ICP filing was submitted with service identification number {number}.", submitted.Message!.ToEnglish());
        var filingKey = filing.FilingId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                (AuditActions.NumberIssued, $"instance={InstanceId}; quota=instance:{InstanceId}; slot=1/5; channel=ApplicationPage"),
                (AuditActions.NumberIssued, $"instance={InstanceId}; quota=instance:{InstanceId}; slot=2/5; channel=ApplicationPage"),
                (AuditActions.NumberUsed, $"filing={filingKey}; domain=example.cn"),
                (AuditActions.FilingSubmitted, $"domain=example.cn; number={number}"),
            ],
            (await _database.AuditAsync()).Select(a => (a.Action, a.Detail)));
    }

    [Theory]
    [InlineData(FilingStatus.Cancelled, "The filing was cancelled. Its service identification number stays used and cannot be used again.")]
    [InlineData(FilingStatus.ProviderRemoved, "This service provider was removed from the filing. Its service identification number stays used and cannot be used again.")]
    public async Task Close_ASubmittedFiling_SaysWhatHappenedToItAndItsNumber(FilingStatus to, string message)
    {
        var filing = Outcomes.Done(await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), InstanceId, "k1"));

        var closed = await _database.CloseAsync(_owner, filing.FilingId, to);
        var again = await _database.CloseAsync(_owner, filing.FilingId, to);

        Assert.Equal(filing.FilingId, Outcomes.Done(closed));
        Assert.Equal(message, closed.Message!.ToEnglish());
        Assert.Equal("This filing is no longer submitted; nothing was changed.", Outcomes.RefusedBecause(again));
    }

    [Fact]
    public async Task SubmitWithNumber_WhenAnotherFilingUsesTheNumberAfterTheCheck_IsRefusedAsAlreadyUsedAndFilesNothing()
    {
        var number = await _database.IssueAsync(_owner, InstanceId, "k1");
        var usedMeanwhile = new BeforeCommand(
            """UPDATE "ServiceNumbers" SET "Status" = $used WHERE "Number" = $number""",
            new Dictionary<string, object> { ["$used"] = nameof(ServiceNumberStatus.Used), ["$number"] = number },
            "UPDATE \"ServiceNumbers\"", "\"UsedAt\"");

        var result = await _database.SubmitWithNumberAsync(Request(_owner, "example.cn"), number, usedMeanwhile);

        Assert.True(usedMeanwhile.Ran);
        var problem = Assert.Single(Outcomes.Refused(result));
        Assert.Equal(("ServiceNumber", ServiceNumberUsability.AlreadyUsed), (problem.Field, problem.Message.ToEnglish()));
        Assert.Empty(await _database.FilingsAsync());
        Assert.Equal(ServiceNumberStatus.Unused, (await _database.NumberAsync(number)).Status);
    }

    [Fact]
    public async Task SubmitWithInstance_OnAStoppedInstance_ListsTheReasonUnderTheInstanceWithoutASummaryAboveTheForm()
    {
        await _database.SeedInstanceAsync(_owner, "i-stopped", change: i => i.Status = InstanceStatus.Stopped);

        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), "i-stopped", "k1");

        var problem = Assert.Single(Outcomes.Refused(result));
        Assert.Null(result.Message);
        Assert.Equal(("InstanceId", nameof(EligibilityRuleId.Running)), (problem.Field, problem.Code));
        Assert.Empty(await _database.NumbersAsync());
    }

    [Fact]
    public async Task Close_ToSubmitted_ThrowsSayingWhichTransitionsExist()
    {
        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _database.CloseAsync(_owner, 1, FilingStatus.Submitted));

        Assert.Equal("to", thrown.ParamName);
        Assert.StartsWith("A filing can only be cancelled or have its provider removed.", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitWithInstance_WithAMalformedKeyAndNoSubject_ReportsBothFieldsAtOnce()
    {
        var result = await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn", subject: " "), InstanceId, "bad key");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["IdempotencyKey"] = IssuerMessages.FormIncomplete,
                ["SubjectName"] = "Enter the filing subject: the organisation or person filing.",
            },
            Outcomes.ByField(Outcomes.Invalid(result)));
    }
}
