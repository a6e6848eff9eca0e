using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Core.Support;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>The support actions as services, on the app's real database: outcomes, state and the one audit row each.</summary>
public sealed class SupportActionsTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private Task<Outcome<string>> ActAsync(Func<SupportCommands, Actor, Task<Outcome<string>>> action) =>
        factory.WithServiceAsync<SupportCommands, Outcome<string>>(async (commands, _) =>
            await action(commands, Actor.Support(await factory.AccountIdAsync(DemoAccounts.Support), "test-correlation")));

    private async Task<Outcome<IssuedNumber>> ApplyAsOwnerAsync(string instanceId)
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        return await factory.WithServiceAsync<ServiceNumberIssuer, Outcome<IssuedNumber>>((issuer, _) =>
            issuer.ApplyAsync(new ApplyRequest(ownerId, instanceId, Guid.NewGuid().ToString("N")), CancellationToken.None));
    }

    private async Task AssertOneSupportAuditAsync(string subjectId, string action, string reason)
    {
        var entries = (await factory.AuditAsync(subjectId)).Where(a => a.Action == action).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(reason, entry.Reason);
        Assert.Equal(Roles.Support, entry.ActorRole);
        Assert.Equal(await factory.AccountIdAsync(DemoAccounts.Support), entry.ActorId);
        Assert.Equal("test-correlation", entry.CorrelationId);
        Assert.Equal(DateTimeKind.Utc, entry.At.Kind);
    }

    [Fact]
    public async Task Hold_BlocksIssuing_AndReleaseRestoresIt()
    {
        const string instanceId = DemoAccounts.QualifiedEcs;

        var held = await ActAsync((a, actor) => a.PlaceHoldAsync(actor, instanceId, "  Abuse report #42  ", CancellationToken.None));
        var refused = await ApplyAsOwnerAsync(instanceId);
        var heldTwice = await ActAsync((a, actor) => a.PlaceHoldAsync(actor, instanceId, "again", CancellationToken.None));

        Outcomes.Done(held);
        var instance = await factory.InstanceAsync(instanceId);
        Assert.True(instance.OnHold);
        Assert.Equal("Abuse report #42", instance.HoldReason);
        var reasons = Outcomes.Refused(refused);
        Assert.Equal(EligibilityRuleId.Hold, Assert.Single(Outcomes.Rules(reasons)));
        Assert.Equal("Instance {0} is already on hold.", Assert.Single(Outcomes.Refused(heldTwice)).Message.Format);
        await AssertOneSupportAuditAsync(instanceId, AuditActions.HoldPlaced, "Abuse report #42");

        var released = await ActAsync((a, actor) => a.ReleaseHoldAsync(actor, instanceId, "Report closed", CancellationToken.None));
        var issued = await ApplyAsOwnerAsync(instanceId);

        Outcomes.Done(released);
        Assert.False((await factory.InstanceAsync(instanceId)).OnHold);
        Outcomes.Done(issued);
        await AssertOneSupportAuditAsync(instanceId, AuditActions.HoldReleased, "Report closed");
        Assert.Equal("Instance {0} is not on hold.", Assert.Single(Outcomes.Refused((await ActAsync((a, actor) => a.ReleaseHoldAsync(actor, instanceId, "again", CancellationToken.None))))).Message.Format);
    }

    [Fact]
    public async Task Hold_LeavesExistingNumbersUntouched()
    {
        const string instanceId = "ewh-demo-shop";
        var before = await factory.WithDbAsync(db => Task.FromResult(db.ServiceNumbers.Where(n => n.Instance.InstanceId == instanceId)
            .Select(n => new { n.Number, n.Status }).OrderBy(n => n.Number).ToList()));

        await ActAsync((a, actor) => a.PlaceHoldAsync(actor, instanceId, "check", CancellationToken.None));

        var after = await factory.WithDbAsync(db => Task.FromResult(db.ServiceNumbers.Where(n => n.Instance.InstanceId == instanceId)
            .Select(n => new { n.Number, n.Status }).OrderBy(n => n.Number).ToList()));
        Assert.Equal(before, after);
        await ActAsync((a, actor) => a.ReleaseHoldAsync(actor, instanceId, "done", CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Actions_WithoutReason_AreRefusedAndChangeNothing(string? reason)
    {
        const string instanceId = "i-demo-ecs-web02";
        var number = await factory.UnusedNumberOfAsync(DemoAccounts.QuotaFullEcs);

        var results = new[]
        {
            await ActAsync((a, actor) => a.PlaceHoldAsync(actor, instanceId, reason, CancellationToken.None)),
            await ActAsync((a, actor) => a.SetQuotaOverrideAsync(actor, instanceId, 10, reason, CancellationToken.None)),
            await ActAsync((a, actor) => a.VoidNumberAsync(actor, number, reason, CancellationToken.None)),
        };

        Assert.All(results, r => Assert.Equal("Reason", Assert.Single(Outcomes.Invalid(r)).Field));
        Assert.All(results, r => Assert.Equal(AuditReason.Required, Assert.Single(r.Problems).Message.Format));
        var instance = await factory.InstanceAsync(instanceId);
        Assert.False(instance.OnHold);
        Assert.Null(instance.QuotaOverride);
        Assert.Equal(ServiceNumberStatus.Unused, (await factory.NumberAsync(number)).Status);
        Assert.Empty(await factory.AuditAsync(instanceId));
    }

    [Fact]
    public async Task Reason_LongerThanTheLimit_IsRefused()
    {
        var result = await ActAsync((a, actor) => a.PlaceHoldAsync(actor, "i-demo-ecs-web02", new string('x', InputLimits.ReasonMaxLength + 1), CancellationToken.None));

        Assert.Equal("Reason", Assert.Single(Outcomes.Invalid(result)).Field);
        Assert.Equal(AuditReason.TooLong, Assert.Single(result.Problems).Message.Format);
        Assert.False((await factory.InstanceAsync("i-demo-ecs-web02")).OnHold);
    }

    [Fact]
    public async Task QuotaOverride_BelowIssuedOrAboveMaximum_IsRefused_WithinRangeIsSet_AndClearReturnsToTypeQuota()
    {
        const string instanceId = DemoAccounts.QuotaFullEcs; // 5 of 5 issued

        var below = await ActAsync((a, actor) => a.SetQuotaOverrideAsync(actor, instanceId, 4, "shrink", CancellationToken.None));
        var above = await ActAsync((a, actor) => a.SetQuotaOverrideAsync(actor, instanceId, 101, "too many", CancellationToken.None));

        Assert.Equal("The quota override must be at least {0}: {1} number(s) were already issued for this instance.", Assert.Single(Outcomes.Refused(below)).Message.Format);
        Assert.Equal([5, 5], Assert.Single(below.Problems).Message.Arguments);
        Assert.Equal("The quota override can be at most {0}.", Assert.Single(Outcomes.Refused(above)).Message.Format);
        Assert.Null((await factory.InstanceAsync(instanceId)).QuotaOverride);
        Assert.Empty(await factory.AuditAsync(instanceId));

        var set = await ActAsync((a, actor) => a.SetQuotaOverrideAsync(actor, instanceId, 7, "Contract amendment 7", CancellationToken.None));
        var issued = await ApplyAsOwnerAsync(instanceId);

        Outcomes.Done(set);
        Assert.Equal(7, (await factory.InstanceAsync(instanceId)).QuotaOverride);
        Assert.Equal(6, Outcomes.Done(issued).Slot);
        await AssertOneSupportAuditAsync(instanceId, AuditActions.QuotaOverrideSet, "Contract amendment 7");

        // Back to the type's quota of 5 would leave 6 issued over quota: refused, the override stays.
        var clearedOverQuota = await ActAsync((a, actor) => a.ClearQuotaOverrideAsync(actor, instanceId, "Amendment ended", CancellationToken.None));

        Assert.Equal(
            "The type's quota of 5 is below the 6 number(s) already issued for instance i-demo-ecs-full: keep an override of at least 6.",
            Outcomes.RefusedBecause(clearedOverQuota));
        Assert.Equal(7, (await factory.InstanceAsync(instanceId)).QuotaOverride);
        Assert.DoesNotContain(await factory.AuditAsync(instanceId), a => a.Action == AuditActions.QuotaOverrideCleared);
    }

    [Fact]
    public async Task ClearQuotaOverride_WhenTheTypeQuotaCoversTheIssuedNumbers_ReturnsToTheTypeQuota()
    {
        const string instanceId = DemoAccounts.QualifiedEcs;
        Outcomes.Done(await ActAsync((a, actor) => a.SetQuotaOverrideAsync(actor, instanceId, 8, "Trial of a larger quota", CancellationToken.None)));

        var cleared = await ActAsync((a, actor) => a.ClearQuotaOverrideAsync(actor, instanceId, "Trial ended", CancellationToken.None));
        var clearedTwice = await ActAsync((a, actor) => a.ClearQuotaOverrideAsync(actor, instanceId, "again", CancellationToken.None));

        Outcomes.Done(cleared);
        Assert.Null((await factory.InstanceAsync(instanceId)).QuotaOverride);
        Assert.Equal("Instance {0} has no quota override.", Assert.Single(Outcomes.Refused(clearedTwice)).Message.Format);
        await AssertOneSupportAuditAsync(instanceId, AuditActions.QuotaOverrideCleared, "Trial ended");
    }

    [Fact]
    public async Task QuotaOverride_ForAccountScopedQuota_IsRefused()
    {
        var result = await ActAsync((a, actor) => a.SetQuotaOverrideAsync(actor, "ewh-demo-shop", 10, "more", CancellationToken.None));

        Assert.Equal(SupportCommands.SharedQuotaMessage, Assert.Single(Outcomes.Refused(result)).Message.Format);
        Assert.Null((await factory.InstanceAsync("ewh-demo-shop")).QuotaOverride);
    }

    [Fact]
    public async Task Void_UnusedNumber_BecomesInvalid_AndStillCountsAgainstTheQuota()
    {
        const string instanceId = "sas-demo-blog";
        var issued = Outcomes.Done(await ApplyAsOwnerAsync(instanceId));
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);

        var voided = await ActAsync((a, actor) => a.VoidNumberAsync(actor, issued.Number.ToUpperInvariant(), "Leaked in a public forum", CancellationToken.None));
        var again = await ActAsync((a, actor) => a.VoidNumberAsync(actor, issued.Number, "again", CancellationToken.None));

        Outcomes.Done(voided);
        Assert.Equal(instanceId, voided.Value);
        var number = await factory.NumberAsync(issued.Number);
        Assert.Equal(ServiceNumberStatus.Invalid, number.Status);
        Assert.Equal("Leaked in a public forum", number.VoidReason);
        Assert.NotNull(number.VoidedAt);
        Assert.Equal("Number {0} is already invalid.", Assert.Single(Outcomes.Refused(again)).Message.Format);
        var quota = await factory.WithServiceAsync<OwnerInstancesQuery, QuotaUsage>(async (q, _) =>
            (await q.FindAsync(ownerId, instanceId, CancellationToken.None))!.Quota);
        Assert.Equal(1, quota.Used);
        await AssertOneSupportAuditAsync(issued.Number, AuditActions.NumberVoided, "Leaked in a public forum");
    }

    [Fact]
    public async Task Void_UsedNumber_IsRefused()
    {
        var number = await factory.UnusedNumberOfAsync("ewh-demo-blog");
        await factory.MarkUsedAsync(number);

        var result = await ActAsync((a, actor) => a.VoidNumberAsync(actor, number, "try", CancellationToken.None));

        Assert.Equal("Number {0} is used: a used number cannot be voided.", Assert.Single(Outcomes.Refused(result)).Message.Format);
        Assert.Equal(ServiceNumberStatus.Used, (await factory.NumberAsync(number)).Status);
        Assert.DoesNotContain(await factory.AuditAsync(number), a => a.Action == AuditActions.NumberVoided);
    }

    [Fact]
    public async Task UnknownInstanceOrNumber_IsNotFound()
    {
        Outcomes.NotFound((await ActAsync((a, actor) => a.PlaceHoldAsync(actor, "i-nope", "x", CancellationToken.None))));
        Outcomes.NotFound((await ActAsync((a, actor) => a.SetQuotaOverrideAsync(actor, "i-nope", 5, "x", CancellationToken.None))));
        Outcomes.NotFound((await ActAsync((a, actor) => a.VoidNumberAsync(actor, Guid.NewGuid().ToString(), "x", CancellationToken.None))));
        Outcomes.NotFound((await ActAsync((a, actor) => a.VoidNumberAsync(actor, "not-a-number", "x", CancellationToken.None))));
    }

    [Fact]
    public async Task ReviewQuery_EvaluatesEveryRuleAsTheOwner()
    {
        var review = await factory.WithServiceAsync<SupportInstancesQuery, InstanceReview?>((q, _) => q.ReviewAsync(DemoAccounts.PayAsYouGoEcs, CancellationToken.None));

        Assert.NotNull(review);
        Assert.Equal(Enum.GetValues<EligibilityRuleId>(), review.Standing.Verdict.Outcomes.Select(o => o.Rule.Id));
        var failed = Assert.Single(review.Standing.Verdict.Outcomes, o => !o.Passed);
        Assert.Equal(EligibilityRuleId.Billing, failed.Rule.Id);
        Assert.Equal(DemoAccounts.Owner, review.OwnerEmail);
        Assert.Equal(InstanceType.Ecs, review.Standing.Instance.Type);
    }
}
