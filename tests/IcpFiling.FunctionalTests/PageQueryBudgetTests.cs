using System.Collections.Concurrent;
using System.Data.Common;
using IcpFiling.Core.Persistence;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Every list page sends a small, fixed number of SQL commands, whatever the number of rows it shows: a query per
/// row (N+1) or a per-row lookup added to a view fails here long before it shows in a benchmark.
/// </summary>
public sealed class PageQueryBudgetTests(PageQueryBudgetTests.Host host) : IClassFixture<PageQueryBudgetTests.Host>
{
    /// <summary>Pages and the most commands each may send (the counts today; lower them as pages get cheaper).</summary>
    public static TheoryData<string, string, int> Pages => new()
    {
        { DemoAccounts.Owner, "/icp-no/application", 3 },
        { DemoAccounts.Owner, "/icp-no/management", 2 },
        { DemoAccounts.Owner, "/icp-no/management?status=Unused", 2 },
        { DemoAccounts.Owner, "/icp-no/filings", 2 },
        { DemoAccounts.Owner, "/activity", 3 },
        // Seven counts for the page of customers (instances, numbers by effective status), not one per customer.
        { DemoAccounts.Reseller, "/reseller/customers", 7 },
        { DemoAccounts.Reseller, "/reseller/numbers", 3 },
        { DemoAccounts.Support, "/support/instances", 3 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ListPage_SendsAtMostItsBudgetOfSqlCommands(string account, string url, int budget)
    {
        using var client = await ConsoleClient.SignInAsync(host.Factory, account);

        var commands = await host.CommandsOfAsync(client, url);

        Assert.True(commands.Count <= budget, $"{url} sent {commands.Count} SQL commands (budget {budget}):\n{string.Join("\n---\n", commands)}");
        Assert.NotEmpty(commands);
    }

    [Fact]
    public async Task Management_SendsTheSameCommands_ForTwoRowsAndForAFullPage()
    {
        using var few = await ConsoleClient.SignInAsync(host.Factory, DemoAccounts.Owner2);
        using var many = await ConsoleClient.SignInAsync(host.Factory, DemoAccounts.Owner);
        var rowsOfFew = (await few.GetAsync("/icp-no/management")).QuerySelectorAll("tr[data-number]").Length;
        var rowsOfMany = (await many.GetAsync("/icp-no/management")).QuerySelectorAll("tr[data-number]").Length;
        Assert.True(rowsOfMany > rowsOfFew, $"the demo data should give owner more rows ({rowsOfMany}) than owner2 ({rowsOfFew})");

        var forFew = await host.CommandsOfAsync(few, "/icp-no/management");
        var forMany = await host.CommandsOfAsync(many, "/icp-no/management");

        Assert.Equal(forFew.Count, forMany.Count);
    }

    [Fact]
    public async Task Application_SendsTheSameCommands_ForOneInstanceAndForMany()
    {
        using var few = await ConsoleClient.SignInAsync(host.Factory, DemoAccounts.Owner2);
        using var many = await ConsoleClient.SignInAsync(host.Factory, DemoAccounts.Owner);

        var forFew = await host.CommandsOfAsync(few, "/icp-no/application");
        var forMany = await host.CommandsOfAsync(many, "/icp-no/application");

        Assert.Equal(forFew.Count, forMany.Count);
    }

    /// <summary>The console with a command recorder that files each SQL command under the request that sent it.</summary>
    public sealed class Host() : HostFixture(new IcpFilingWebFactory
    {
        TestServices = services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<RequestCommands>();
            services.ConfigureDbContext<IcpFilingDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<RequestCommands>()));
        },
    })
    {
        private const string ProbeHeader = "X-Test-Probe";

        /// <summary>The SQL commands sent while the console answered one GET of <paramref name="url"/>.</summary>
        public async Task<IReadOnlyList<string>> CommandsOfAsync(ConsoleClient client, string url)
        {
            var probe = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(ProbeHeader, probe);
            using var response = await client.Http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return Factory.Services.GetRequiredService<RequestCommands>().Of(probe);
        }

        private sealed class RequestCommands(IHttpContextAccessor http) : DbCommandInterceptor
        {
            private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byProbe = new();

            public IReadOnlyList<string> Of(string probe) => _byProbe.TryGetValue(probe, out var commands) ? [.. commands] : [];

            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
                DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            {
                Record(command);
                return ValueTask.FromResult(result);
            }

            public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
            {
                Record(command);
                return result;
            }

            public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
                DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
            {
                Record(command);
                return ValueTask.FromResult(result);
            }

            public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
                DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
            {
                Record(command);
                return ValueTask.FromResult(result);
            }

            private void Record(DbCommand command)
            {
                if (http.HttpContext?.Request.Headers[ProbeHeader].ToString() is { Length: > 0 } probe)
                {
                    _byProbe.GetOrAdd(probe, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
                }
            }
        }
    }
}
