using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Resellers;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Resellers;

/// <summary>
/// A number carries its account's reseller (ServiceNumbers.ResellerId), so a reseller's Issued numbers are one index
/// range. Every way an account's reseller changes moves all its numbers in the same change, on SQLite and PostgreSQL.
/// </summary>
public sealed class ResellerNumbersTests
{
    private sealed class Setup(TestDatabase database, string admin, string oldReseller, string newReseller, string customer, string neighbour) : IAsyncDisposable
    {
        public TestDatabase Database => database;

        public string Admin => admin;

        public string OldReseller => oldReseller;

        public string NewReseller => newReseller;

        public string Customer => customer;

        /// <summary>Another customer of the old reseller, whose numbers must stay where they are.</summary>
        public string Neighbour => neighbour;

        public Actor AdminActor => new(admin, Roles.Admin, "corr-admin");

        public async Task<T> ResellerLinksAsync<T>(Func<ResellerLinkCommands, Task<T>> run)
        {
            await using var db = database.NewContext();
            return await run(new ResellerLinkCommands(database.Runner(db)));
        }

        public async Task<T> AccessAsync<T>(Func<AccountAccessCommands, Task<T>> run)
        {
            await using var db = database.NewContext();
            return await run(new AccountAccessCommands(database.Runner(db)));
        }

        /// <summary>The numbers the reseller's Issued numbers list shows, as (number, customer).</summary>
        public async Task<List<(string Number, string Customer)>> SeenByAsync(string reseller)
        {
            await using var db = database.NewContext();
            var page = await new ResellerQuery(db, database.Time, DomainTable.Calendar())
                .NumbersAsync(reseller, new ResellerNumberFilter(), new PageRequest(1), CancellationToken.None);
            return [.. page.Items.Select(r => (r.Number, r.CustomerId)).OrderBy(r => r.Number, StringComparer.Ordinal)];
        }

        public async Task<List<(string Number, string Customer)>> NumbersOfAsync(params string[] accounts)
        {
            await using var db = database.NewContext();
            return [.. (await db.ServiceNumbers.Where(n => accounts.Contains(n.AccountId)).Select(n => new { n.Number, n.AccountId }).ToListAsync())
                .Select(n => (n.Number, n.AccountId)).OrderBy(r => r.Number, StringComparer.Ordinal)];
        }

        public async Task<List<string?>> StoredResellersAsync(string account)
        {
            await using var db = database.NewContext();
            return await db.ServiceNumbers.Where(n => n.AccountId == account).Select(n => n.ResellerId).ToListAsync();
        }

        public ValueTask DisposeAsync() => database.DisposeAsync();
    }

    /// <summary>Two resellers; the customer (two numbers) and a neighbour (one) are customers of the old one.</summary>
    private static async Task<Setup> SetUpAsync(string provider)
    {
        var database = provider == "Postgres" ? await TestDatabase.CreatePostgresAsync() : await TestDatabase.CreateSqliteAsync();
        var admin = await database.SeedAccountAsync("admin", Roles.Admin);
        var oldReseller = await database.SeedAccountAsync("old-reseller", Roles.Reseller);
        var newReseller = await database.SeedAccountAsync("new-reseller", Roles.Reseller);
        var customer = await database.SeedAccountAsync("customer");
        var neighbour = await database.SeedAccountAsync("neighbour");
        var setup = new Setup(database, admin, oldReseller, newReseller, customer, neighbour);
        foreach (var account in new[] { customer, neighbour })
        {
            Outcomes.Done(await setup.ResellerLinksAsync(a => a.LinkResellerAsync(setup.AdminActor, account, "old-reseller@example.com", CancellationToken.None)));
        }

        await database.SeedInstanceAsync(customer, "i-customer");
        await database.SeedInstanceAsync(neighbour, "i-neighbour");
        Outcomes.Done(await database.ApplyAsync(new ApplyRequest(customer, "i-customer", "k-1")));
        Outcomes.Done(await database.ApplyAsync(new ApplyRequest(customer, "i-customer", "k-2")));
        Outcomes.Done(await database.ApplyAsync(new ApplyRequest(neighbour, "i-neighbour", "k-1")));
        return setup;
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Issue_ToAResellersCustomer_ShowsTheNumberToThatResellerOnly(string provider)
    {
        await using var setup = await SetUpAsync(provider);

        Assert.Equal(await setup.NumbersOfAsync(setup.Customer, setup.Neighbour), await setup.SeenByAsync(setup.OldReseller));
        Assert.Empty(await setup.SeenByAsync(setup.NewReseller));
        Assert.Equal([setup.OldReseller, setup.OldReseller], await setup.StoredResellersAsync(setup.Customer));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task LinkReseller_ToAnotherReseller_MovesAllTheAccountsNumbersAndLeavesTheNeighboursAlone(string provider)
    {
        await using var setup = await SetUpAsync(provider);

        Outcomes.Done(await setup.ResellerLinksAsync(a => a.LinkResellerAsync(setup.AdminActor, setup.Customer, "new-reseller@example.com", CancellationToken.None)));

        Assert.Equal(await setup.NumbersOfAsync(setup.Customer), await setup.SeenByAsync(setup.NewReseller));
        Assert.Equal(await setup.NumbersOfAsync(setup.Neighbour), await setup.SeenByAsync(setup.OldReseller));
        // A number issued after the move belongs to the new reseller too.
        Outcomes.Done(await setup.Database.ApplyAsync(new ApplyRequest(setup.Customer, "i-customer", "k-3")));
        Assert.Equal(3, (await setup.SeenByAsync(setup.NewReseller)).Count);
        Assert.Equal(await setup.NumbersOfAsync(setup.Neighbour), await setup.SeenByAsync(setup.OldReseller));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task UnlinkReseller_TakesTheAccountsNumbersOutOfTheResellersList(string provider)
    {
        await using var setup = await SetUpAsync(provider);

        Outcomes.Done(await setup.ResellerLinksAsync(a => a.UnlinkResellerAsync(setup.AdminActor, setup.Customer, "Billed directly from now on", CancellationToken.None)));

        Assert.Equal(await setup.NumbersOfAsync(setup.Neighbour), await setup.SeenByAsync(setup.OldReseller));
        Assert.Equal([null, null], await setup.StoredResellersAsync(setup.Customer));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ChangeRole_AwayFromOwner_EndsTheResellerLinkForTheNumbersToo(string provider)
    {
        await using var setup = await SetUpAsync(provider);

        Outcomes.Done(await setup.AccessAsync(a => a.ChangeRoleAsync(setup.AdminActor, setup.Customer, Roles.Support, "Joined the support team", CancellationToken.None)));

        Assert.Equal(await setup.NumbersOfAsync(setup.Neighbour), await setup.SeenByAsync(setup.OldReseller));
        Assert.Equal([null, null], await setup.StoredResellersAsync(setup.Customer));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task InventoryFeed_NewReseller_MovesTheNumbers_AndADryRunMovesNothing(string provider)
    {
        await using var setup = await SetUpAsync(provider);
        var record = new AccountRecord
        {
            AccountId = setup.Customer, Email = "customer@example.com", DisplayName = "customer", ResellerId = setup.NewReseller, Version = 5,
        };

        await using (var db = setup.Database.NewContext())
        {
            Outcomes.Replayed(await setup.Database.Inventory(db).ApplyAsync(Actor.ApiClient(1, "corr-dry"), [new InventoryItem(Account: record)], CancellationToken.None, new InventoryBatchOptions(DryRun: true)));
        }

        Assert.Equal(await setup.NumbersOfAsync(setup.Customer, setup.Neighbour), await setup.SeenByAsync(setup.OldReseller));

        Outcomes.Done(await setup.Database.InventoryAsync(new InventoryItem(Account: record)));

        Assert.Equal(await setup.NumbersOfAsync(setup.Customer), await setup.SeenByAsync(setup.NewReseller));
        Assert.Equal(await setup.NumbersOfAsync(setup.Neighbour), await setup.SeenByAsync(setup.OldReseller));

        // The same batch again changes nothing; a later version without a reseller takes the numbers out of every list.
        Outcomes.Done(await setup.Database.InventoryAsync(new InventoryItem(Account: record with { ResellerId = null, Version = 6 })));
        Assert.Empty(await setup.SeenByAsync(setup.NewReseller));
        Assert.Equal([null, null], await setup.StoredResellersAsync(setup.Customer));
    }
}
