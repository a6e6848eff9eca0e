using System.Net;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Grant with a note: an owner restricts a number to another account with a note both accounts read, the receiving
/// account finds it on Granted to me ready to use in a filing, and lifting the restriction takes the note with it.
/// </summary>
public sealed class GrantedNumbersTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private const string Note = "For the shop website, shop.example.cn";

    /// <summary>A fresh owner (its own quota and history) with one qualified instance and <paramref name="numbers"/> unused numbers.</summary>
    private async Task<(string Id, string Email, List<string> Numbers)> OwnerAsync(int numbers)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"grant-{tag}@demo.test";
        var id = await factory.EnsureAccountAsync(email, Roles.Owner);
        return (id, email, await factory.AddInstanceWithNumbersAsync(id, $"i-grant-{tag}", numbers));
    }

    private static async Task<HttpResponseMessage> RestrictAsync(ConsoleClient owner, string number, string email, string? note)
    {
        var form = await owner.GetAsync($"/icp-no/management/{number}/restrict");
        var fields = new Dictionary<string, string> { ["Email"] = email };
        if (note is not null)
        {
            fields["Note"] = note;
        }

        return await owner.PostFormAsync($"/icp-no/management/{number}/restrict", form, fields);
    }

    [Fact]
    public async Task Restrict_WithANote_StoresIt_AndShowsItToBothAccounts_AndInTheActivity()
    {
        var giver = await OwnerAsync(1);
        var receiver = await OwnerAsync(0);
        var number = giver.Numbers[0];
        using var owner = await ConsoleClient.SignInAsync(factory, giver.Email);
        using var other = await ConsoleClient.SignInAsync(factory, receiver.Email);

        var management = await owner.FollowAsync(await RestrictAsync(owner, number, receiver.Email, "  " + Note + "  "));
        var granted = await other.GetAsync("/icp-no/management/granted");
        var activity = await owner.GetAsync("/activity");

        var stored = await factory.NumberAsync(number);
        Assert.Equal(Note, stored.RestrictionNote);
        Assert.NotNull(stored.RestrictedAt);
        Assert.Equal(Note, management.QuerySelector($"tr[data-number='{number}'] [data-testid=note]")!.TextContent.Trim());
        var row = granted.QuerySelector($"tr[data-number='{number}']")!;
        Assert.Equal(giver.Email, row.QuerySelector("[data-testid=granted-by]")!.TextContent.Trim());
        Assert.Equal(Note, row.QuerySelector("[data-testid=note]")!.TextContent.Trim());
        Assert.NotEqual("—", row.QuerySelector("[data-testid=granted-at]")!.TextContent.Trim());
        Assert.Contains($"restricted to {receiver.Email}, with the note “{Note}”.", activity.QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);
        var audit = (await factory.AuditAsync(number)).Last();
        Assert.Equal(AuditActions.NumberRestricted, audit.Action);
        Assert.Contains(Note, audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restrict_ShowsTheCurrentNote_AndChangingOnlyTheNoteKeepsTheAccount()
    {
        var giver = await OwnerAsync(1);
        var receiver = await OwnerAsync(0);
        var number = giver.Numbers[0];
        using var owner = await ConsoleClient.SignInAsync(factory, giver.Email);
        await RestrictAsync(owner, number, receiver.Email, Note);

        var form = await owner.GetAsync($"/icp-no/management/{number}/restrict");
        await RestrictAsync(owner, number, receiver.Email, "Second note");

        Assert.Equal(Note, form.QuerySelector("[data-testid=current-note]")!.TextContent.Trim());
        Assert.Equal(Note, form.QuerySelector("input[name=Note]")!.GetAttribute("value"));
        var stored = await factory.NumberAsync(number);
        Assert.Equal("Second note", stored.RestrictionNote);
        Assert.Equal(receiver.Id, stored.RestrictedToAccountId);
        Assert.Equal(AuditActions.NumberRestrictionChanged, (await factory.AuditAsync(number)).Last().Action);
    }

    [Fact]
    public async Task LiftingTheRestriction_ClearsTheNote_AndTheNumberLeavesGrantedToMe()
    {
        var giver = await OwnerAsync(1);
        var receiver = await OwnerAsync(0);
        var number = giver.Numbers[0];
        using var owner = await ConsoleClient.SignInAsync(factory, giver.Email);
        using var other = await ConsoleClient.SignInAsync(factory, receiver.Email);
        await RestrictAsync(owner, number, receiver.Email, Note);

        var lifted = await RestrictAsync(owner, number, "", Note);
        var granted = await other.GetAsync("/icp-no/management/granted");

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        var stored = await factory.NumberAsync(number);
        Assert.Null(stored.RestrictedToAccountId);
        Assert.Null(stored.RestrictionNote);
        Assert.Null(stored.RestrictedAt);
        Assert.Null(granted.QuerySelector($"tr[data-number='{number}']"));
        Assert.Equal(AuditActions.NumberRestrictionLifted, (await factory.AuditAsync(number)).Last().Action);
    }

    [Theory]
    [InlineData(InputLimits.GrantNoteMaxLength + 1)]
    [InlineData(-1)]
    public async Task Restrict_WithABadNote_ShowsTheMessageBesideTheField_KeepsWhatWasTyped_AndChangesNothing(int length)
    {
        var giver = await OwnerAsync(1);
        var receiver = await OwnerAsync(0);
        var number = giver.Numbers[0];
        using var owner = await ConsoleClient.SignInAsync(factory, giver.Email);
        // Too long, or one line break (a control character).
        var note = length > 0 ? new string('n', length) : "first line\nsecond line";

        var refused = await RestrictAsync(owner, number, receiver.Email, note);
        var form = await owner.FollowAsync(refused);

        Assert.Equal($"Keep the note to {InputLimits.GrantNoteMaxLength} characters on one line.",
            form.QuerySelector("[data-valmsg-for=Note]")!.TextContent.Trim());
        Assert.Equal(note, form.QuerySelector("input[name=Note]")!.GetAttribute("value"));
        Assert.Equal(receiver.Email, form.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        var stored = await factory.NumberAsync(number);
        Assert.Null(stored.RestrictedToAccountId);
        Assert.Null(stored.RestrictionNote);
    }

    [Fact]
    public async Task GrantedToMe_ListsOnlyUnusedNumbersGrantedToThisAccount()
    {
        var giver = await OwnerAsync(3);
        var mine = await OwnerAsync(0);
        var someoneElse = await OwnerAsync(0);
        using var owner = await ConsoleClient.SignInAsync(factory, giver.Email);
        using var me = await ConsoleClient.SignInAsync(factory, mine.Email);
        await RestrictAsync(owner, giver.Numbers[0], mine.Email, null);
        await RestrictAsync(owner, giver.Numbers[1], someoneElse.Email, Note);
        await RestrictAsync(owner, giver.Numbers[2], mine.Email, "used soon");
        await factory.MarkUsedAsync(giver.Numbers[2]);

        var granted = await me.GetAsync("/icp-no/management/granted");
        var givers = await owner.GetAsync("/icp-no/management/granted");

        Assert.Equal([giver.Numbers[0]], granted.QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")));
        Assert.Equal("—", granted.QuerySelector("[data-testid=note]")!.TextContent.Trim());
        Assert.Empty(givers.QuerySelectorAll("tr[data-number]"));
        Assert.NotNull(givers.QuerySelector("[data-testid=empty]"));
        Assert.NotNull(granted.QuerySelector("a[data-testid=nav-granted][aria-current=page]"));
    }

    [Fact]
    public async Task GrantedToMe_UseLink_OpensNewFilingWithTheNumberFilledIn()
    {
        var giver = await OwnerAsync(1);
        var mine = await OwnerAsync(0);
        using var owner = await ConsoleClient.SignInAsync(factory, giver.Email);
        using var me = await ConsoleClient.SignInAsync(factory, mine.Email);
        await RestrictAsync(owner, giver.Numbers[0], mine.Email, Note);

        var granted = await me.GetAsync("/icp-no/management/granted");
        var link = granted.QuerySelector($"tr[data-number='{giver.Numbers[0]}'] a[data-testid=use]")!.GetAttribute("href")!;
        var form = await me.GetAsync(link);

        Assert.Equal(giver.Numbers[0], form.QuerySelector("input[name=ServiceNumber]")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input#method-number[checked]"));
    }

    [Fact]
    public async Task GrantedToMe_SortsByNumber_AndIsPaged()
    {
        var giver = await OwnerAsync(3);
        var mine = await OwnerAsync(0);
        using var owner = await ConsoleClient.SignInAsync(factory, giver.Email);
        using var me = await ConsoleClient.SignInAsync(factory, mine.Email);
        foreach (var number in giver.Numbers)
        {
            await RestrictAsync(owner, number, mine.Email, null);
        }

        var byNumber = await me.GetAsync("/icp-no/management/granted?sort=number&dir=asc");
        var firstPage = await me.GetAsync("/icp-no/management/granted?sort=number&dir=asc&size=2");
        var secondPage = await me.GetAsync("/icp-no/management/granted?sort=number&dir=asc&size=2&page=2");

        var sorted = giver.Numbers.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, byNumber.QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")));
        Assert.Equal(sorted[..2], firstPage.QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")));
        Assert.Equal(sorted[2..], secondPage.QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")));
        Assert.Equal("ascending", byNumber.QuerySelector("th[data-sort-key=number]")!.GetAttribute("aria-sort"));
    }
}
