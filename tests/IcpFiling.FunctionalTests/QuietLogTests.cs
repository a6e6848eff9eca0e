using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Testing;
using Serilog.Events;
using static IcpFiling.FunctionalTests.AuthorizationMatrixTests;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// A normal run logs no warning: every page of the route table, opened by a user who may open it, and every list's
/// searches (number and instance prefixes of one and several characters, addresses, domains, sorts, filters) leave
/// nothing at Warning or above in the log. A warning an operator sees on every start is one they learn to ignore.
/// </summary>
public sealed class QuietLogTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    /// <summary>The searches and filters of every list, as a user types them.</summary>
    private static readonly (string Email, string Url)[] Searches =
    [
        (DemoAccounts.Owner, "/icp-no/management?search=a"),
        (DemoAccounts.Owner, "/icp-no/management?search=1"),
        (DemoAccounts.Owner, "/icp-no/management?search=0f3"),
        (DemoAccounts.Owner, "/icp-no/management?search=a&page=2"),
        (DemoAccounts.Owner, "/icp-no/management?search=a&sort=number&dir=asc"),
        (DemoAccounts.Owner, "/icp-no/management?search=i-demo"),
        (DemoAccounts.Owner, "/icp-no/management?search=47.96."),
        (DemoAccounts.Owner, "/icp-no/management?search=47.96.12.34"),
        (DemoAccounts.Owner, "/icp-no/management?search=example"),
        (DemoAccounts.Owner, "/icp-no/management?search=bad-input-filing.cn"),
        (DemoAccounts.Owner, "/icp-no/management?status=Unused&type=Ecs"),
        (DemoAccounts.Owner, "/icp-no/management/export?search=a"),
        (DemoAccounts.Owner, "/icp-no/management/granted?sort=number"),
        (DemoAccounts.Owner, "/icp-no/application?search=i-demo&qualified=true"),
        (DemoAccounts.Owner, "/icp-no/application?sort=type&dir=desc&page=2&size=5"),
        (DemoAccounts.Owner, "/icp-no/filings?sort=domain"),
        (DemoAccounts.Owner, "/activity?page=2&size=5"),
        (DemoAccounts.Reseller, "/reseller/numbers?search=a"),
        (DemoAccounts.Reseller, "/reseller/numbers?search=1&status=Used"),
        (DemoAccounts.Reseller, "/reseller/numbers?search=i-demo&from=2026-01-01&to=2026-12-31"),
        (DemoAccounts.Reseller, "/reseller/numbers/export?search=a"),
        (DemoAccounts.Reseller, "/reseller/customers?sort=issued&dir=desc"),
        (DemoAccounts.Support, "/support/instances?search=i-demo"),
        (DemoAccounts.Support, "/support/instances?search=a&page=2"),
        (DemoAccounts.Admin, "/admin/accounts?search=demo&role=Owner"),
        (DemoAccounts.Admin, "/admin/accounts?search=a&page=2&size=5"),
        (DemoAccounts.Admin, "/admin/audit?actor=owner%40demo.test&action=number."),
        (DemoAccounts.Admin, "/admin/audit?subject=i-demo-ecs-web01&from=2026-01-01&to=2026-12-31"),
        (DemoAccounts.Admin, "/admin/audit/export?action=account."),
    ];

    [Fact]
    public async Task EveryPageAndSearch_LogsNothingAtWarningOrAbove()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var otherResellerId = await factory.EnsureAccountAsync("quiet-reseller2@demo.test", Roles.Reseller);
        var otherCustomerId = await factory.EnsureAccountAsync("quiet-customer2@demo.test", Roles.Owner, otherResellerId);
        var filingId = await factory.FileWithInstanceAsync(DemoAccounts.Owner, "ens-demo-edge", "bad-input-filing.cn");
        await SendMatrixBatchAsync(factory, ownerId);
        var context = new Context(ownerId, otherCustomerId, await factory.UnusedNumberOfAsync(DemoAccounts.QuotaFullEcs), filingId);
        var clients = new Dictionary<string, ConsoleClient>();
        async Task<ConsoleClient> ClientAsync(string? email) =>
            email is null ? ConsoleClient.Anonymous(factory)
            : clients.TryGetValue(email, out var client) ? client
            : clients[email] = await ConsoleClient.SignInAsync(factory, email);

        var visited = new List<string>();
        try
        {
            foreach (var row in Rows.Where(r => r.Method is "GET" or "ANY" && !r.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal)))
            {
                var url = row.Url(context);
                using var response = await (await ClientAsync(WhoOpens(row))).Http.GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"{url}: {response.StatusCode}");
                visited.Add(url);
            }

            foreach (var (email, url) in Searches)
            {
                using var response = await (await ClientAsync(email)).Http.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
                visited.Add(url);
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        var warnings = factory.Log.Events
            .Where(e => e.Level >= LogEventLevel.Warning)
            .Select(e => $"{e.Level}: {e.RenderMessage()} {e.Exception}")
            .ToList();
        Assert.True(visited.Count > 60, $"only {visited.Count} pages were opened");
        Assert.True(warnings.Count == 0, $"{warnings.Count} line(s) at Warning or above:{Environment.NewLine}{string.Join(Environment.NewLine, warnings)}");
    }

    /// <summary>The demo account that may open the row's page (anonymous when only a visitor's page).</summary>
    private static string? WhoOpens(Row row) =>
        row.Expected[Actor.Owner] is Outcome.Ok ? DemoAccounts.Owner
        : row.Expected[Actor.Reseller] is Outcome.Ok ? DemoAccounts.Reseller
        : row.Expected[Actor.Support] is Outcome.Ok ? DemoAccounts.Support
        : row.Expected[Actor.Admin] is Outcome.Ok ? DemoAccounts.Admin
        : null;
}
