using System.Globalization;
using System.Net;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// New filing's instance picker finds any qualified instance by id or name, not only the first hundred: by its own GET
/// search without JavaScript, and through the choice fragment its type-ahead fetches.
/// </summary>
public sealed class InstancePickerTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private const int Many = 105;

    [Fact]
    public async Task Picker_OwnerWithMoreThanAHundredInstances_FindsTheLastOneBySearchAndFilesWithIt()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner2);
        await factory.WithDbAsync(db =>
        {
            for (var i = 0; i < Many; i++)
            {
                db.Instances.Add(QualifiedInstance.Build(ownerId, $"i-pick-{i.ToString("000", CultureInfo.InvariantCulture)}", DateTime.UtcNow));
            }

            return db.SaveChangesAsync();
        });
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);

        var first = await owner.GetAsync("/icp-no/filings/new");
        Assert.True(first.QuerySelectorAll("input[name=InstanceId]").Length <= 100);
        Assert.Null(first.QuerySelector("input[name=InstanceId][value='i-pick-104']"));
        Assert.NotNull(first.QuerySelector("[data-testid=more-qualified]"));

        var searched = await owner.GetAsync("/icp-no/filings/new?instanceSearch=i-pick-104");
        Assert.Equal(["i-pick-104"], searched.QuerySelectorAll("input[name=InstanceId]").Select(i => i.GetAttribute("value")));
        Assert.Equal("i-pick-104", searched.QuerySelector("#instance-search")!.GetAttribute("value"));

        var fragment = await owner.GetAsync("/icp-no/filings/new/instances?instanceSearch=i-pick-10");
        Assert.Equal(
            ["i-pick-100", "i-pick-101", "i-pick-102", "i-pick-103", "i-pick-104"],
            fragment.QuerySelectorAll("input[name=InstanceId]").Select(i => i.GetAttribute("value")));
        var none = await owner.GetAsync("/icp-no/filings/new/instances?instanceSearch=nothing-like-it");
        Assert.NotNull(none.QuerySelector("[data-testid=no-qualified]"));

        var response = await owner.PostFormAsync("/icp-no/filings/new", searched, new Dictionary<string, string>
        {
            ["Domain"] = "picker-example.cn",
            ["SubjectName"] = "Picker Ltd.",
            ["Method"] = "Instance",
            ["InstanceId"] = "i-pick-104",
            ["IdempotencyKey"] = searched.QuerySelector("input[name=IdempotencyKey]")!.GetAttribute("value")!,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("i-pick-104", await factory.WithDbAsync(db => db.Filings
            .Where(f => f.DomainAscii == "picker-example.cn").Select(f => f.ServiceNumber.Instance.InstanceId).SingleAsync()));
    }
}
