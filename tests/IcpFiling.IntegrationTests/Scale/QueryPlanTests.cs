using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Resellers;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Core.Support;
using IcpFiling.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IcpFiling.IntegrationTests.Scale;

/// <summary>
/// SQLite's own plan for every SQL command the list pages send, on an analysed database with volume: no command may
/// read the whole ServiceNumbers or Instances table (or a whole index of it). Deterministic, unlike a timing: a plan
/// that scans is as slow as the table is large, which is what breaks at a million numbers. The one walk allowed is an
/// unfiltered one that its LIMIT stops (<see cref="IsBoundedWalk"/>), which costs the limit whatever the table's size.
/// </summary>
public sealed partial class QueryPlanTests(QueryPlanTests.Volume volume) : IClassFixture<QueryPlanTests.Volume>
{
    private static readonly string[] GuardedTables = ["ServiceNumbers", "Instances"];


    public static TheoryData<string> Lists => new()
    {
        "Management", "Management status=Used", "Management status=Unused", "Management status=Invalid", "Management type=Ecs",
        "Management number prefix", "Management one-character prefix", "Management one-character prefix, many matches", "Management page 30", "Application", "Application search", "Application page 30",
        "Filings", "Reseller customers",
        "Management sort=number", "Management sort=number desc page 30", "Management sort=issued asc", "Management sort=number status=Used",
        "Application sort=name", "Application sort=expires desc page 30", "Application sort=instanceid desc type=Ecs", "Application qualified",
        "API numbers", "API numbers after cursor", "API numbers type=Ecs", "API numbers status=Unused", "API granted numbers", "API reseller customers",
        "API reseller numbers",
        "Filings sort=domain", "Filings sort=domain desc page 30", "Filings sort=submitted asc",
        "Reseller customers sort=name", "Reseller customers sort=email desc page 30",
        "Admin accounts", "Admin accounts sort=name", "Admin accounts sort=lastsignin desc page 30", "Admin accounts sort=email desc",
        "Management search ip", "Management search ip prefix", "Management search website", "Management search website status=Used",
        "Support search", "Support search ip", "Support search email",
        "Management export", "Management export search ip", "Granted", "Granted sort=number", "API numbers search website",
        "Reseller numbers", "Reseller numbers sort=number", "Reseller numbers status=Unused", "Reseller numbers customer",
        "API reseller numbers after cursor", "Reseller export", "Support instances", "Support instances sort=name",
    };

    /// <summary>
    /// Every order a sortable list offers (issue 15): its page is read in index order, never sorted in a temporary
    /// B-tree, which at volume means reading and sorting every row the filter keeps.
    /// </summary>
    public static TheoryData<string> SortedLists => new()
    {
        "Management", "Management one-character prefix, many matches", "Management one-character prefix, many matches sort=number",
        "Management sort=number", "Management sort=number desc page 30", "Management sort=issued asc",
        "Application", "Application sort=name", "Application sort=expires desc page 30",
        "Filings", "Filings sort=domain", "Filings sort=domain desc page 30", "Filings sort=submitted asc",
        "Support instances", "Support instances sort=name", "Support instances sort=name desc page 30", "Support instances sort=instanceid desc",
        "Reseller customers", "Reseller customers sort=name", "Reseller customers sort=email desc page 30",
        "Reseller numbers", "Reseller numbers sort=number", "Reseller numbers sort=number desc page 30", "Reseller numbers issued asc",
        "Admin accounts", "Admin accounts sort=name", "Admin accounts sort=lastsignin desc page 30", "Admin accounts sort=email desc",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task ListQuery_AtVolume_NeverScansNumbersOrInstances(string list)
    {
        var scans = await ScansAsync(list);

        Assert.True(scans.Count == 0, $"{list} scans a guarded table:\n{string.Join("\n", scans)}");
    }

    [Theory]
    [MemberData(nameof(SortedLists))]
    public async Task SortedList_AtVolume_ReadsItsPageInIndexOrder(string list)
    {
        var recorder = new CommandRecorder();
        await using (var db = volume.Database.NewContext(recorder))
        {
            await RunAsync(list, db);
        }

        var sorts = new List<string>();
        foreach (var command in recorder.Commands.Where(c => c.Sql.Contains("ORDER BY", StringComparison.Ordinal)))
        {
            sorts.AddRange((await PlanAsync(command))
                .Where(step => step.Contains("TEMP B-TREE FOR", StringComparison.Ordinal) && step.Contains("ORDER BY", StringComparison.Ordinal))
                .Select(step => $"{step}\n  in: {command.Sql}"));
        }

        Assert.True(sorts.Count == 0, $"{list} sorts its rows outside an index:\n{string.Join("\n", sorts)}");
    }

    private async Task<List<string>> ScansAsync(string list)
    {
        var recorder = new CommandRecorder();
        await using (var db = volume.Database.NewContext(recorder))
        {
            await RunAsync(list, db);
        }

        Assert.NotEmpty(recorder.Commands);
        var scans = new List<string>();
        foreach (var command in recorder.Commands)
        {
            var plan = await PlanAsync(command);
            scans.AddRange(Scans(command.Sql, plan).Select(step => $"{step}\n  in: {command.Sql}"));
        }

        return scans;
    }

    /// <summary>
    /// The steps of <paramref name="plan"/> that read a whole guarded table: a scan of it (or a Bloom filter over it),
    /// unless the scan is a <see cref="IsBoundedWalk">walk that stops at a LIMIT</see>.
    /// </summary>
    internal static List<string> Scans(string sql, IReadOnlyList<string> plan)
    {
        var aliases = TableAlias().Matches(sql)
            .Where(m => GuardedTables.Contains(m.Groups["table"].Value))
            .Select(m => m.Groups["alias"].Value)
            .ToHashSet();
        return [.. plan.Where(step => ScanStep().Match(step) is { Success: true } scan && aliases.Contains(scan.Groups["alias"].Value)
            && !(step.StartsWith("SCAN ", StringComparison.Ordinal) && IsBoundedWalk(sql, scan.Groups["alias"].Value, plan)))];
    }

    /// <summary>
    /// Whether the scan of <paramref name="alias"/> reads at most LIMIT + OFFSET rows whatever the table's size: an
    /// unfiltered list read in index order (support's instance list, its bounded count). It must be the one SELECT
    /// that names the alias, with the table in its FROM, and that SELECT must have a LIMIT and nothing that can drop,
    /// fold or reorder the rows walked: no WHERE, no inner or cross join (a LEFT JOIN yields at least one row per
    /// row walked), no GROUP BY, HAVING, DISTINCT, aggregate or compound SELECT; and the plan sorts nothing in a
    /// temporary B-tree (a sort reads every row before the first is returned). Anything else is a scan.
    /// </summary>
    internal static bool IsBoundedWalk(string sql, string alias, IReadOnlyList<string> plan)
    {
        if (plan.Any(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal)))
        {
            return false;
        }

        var named = TableAlias().Matches(sql).Where(m => m.Groups["alias"].Value == alias).ToList();
        if (named is not [var only] || !sql[..only.Index].TrimEnd().EndsWith("FROM", StringComparison.Ordinal))
        {
            return false;
        }

        var select = OwnLevel(sql, only.Index);
        return select.TrimStart().StartsWith("SELECT ", StringComparison.Ordinal)
            && LimitClause().IsMatch(select)
            && !RowDroppingClause().IsMatch(select)
            && JoinClause().Matches(select).All(join => join.Groups["kind"].Value == "LEFT");
    }

    /// <summary>
    /// The text of the SELECT around <paramref name="at"/> at its own parenthesis level: from the opening parenthesis
    /// that encloses it (or the start) to its closing one (or the end), with every nested parenthesis's content blanked.
    /// </summary>
    private static string OwnLevel(string sql, int at)
    {
        var start = 0;
        for (int i = at - 1, depth = 0; i >= 0; i--)
        {
            if (sql[i] == ')')
            {
                depth++;
            }
            else if (sql[i] == '(' && depth-- == 0)
            {
                start = i + 1;
                break;
            }
        }

        var own = new System.Text.StringBuilder();
        for (int i = start, depth = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth-- == 0)
            {
                break;
            }

            own.Append(depth == 0 && c != ')' ? c : ' ');
        }

        return own.ToString();
    }

    [GeneratedRegex(@"\bLIMIT\b")]
    private static partial Regex LimitClause();

    [GeneratedRegex(@"\b(?:WHERE|GROUP\s+BY|HAVING|DISTINCT|UNION|INTERSECT|EXCEPT|COUNT|SUM|TOTAL|AVG|MIN|MAX|GROUP_CONCAT)\b")]
    private static partial Regex RowDroppingClause();

    [GeneratedRegex(@"(?:\b(?<kind>LEFT|INNER|CROSS|RIGHT|FULL|NATURAL)\s+(?:OUTER\s+)?)?\bJOIN\b|,\s*""\w+""\s+AS\s+""\w+""")]
    private static partial Regex JoinClause();

    private async Task RunAsync(string list, Core.Persistence.IcpFilingDbContext db)
    {
        var numbers = new AccountNumbersQuery(db, volume.Database.Time);
        var instances = new OwnerInstancesQuery(db, volume.Database.Standings(db), volume.Database.Time);
        var resellers = new ResellerQuery(db, volume.Database.Time, DomainTable.Calendar());
        var support = new SupportInstancesQuery(db, volume.Database.Standings(db), volume.Database.Time);
        var filings = new AccountFilingsQuery(db);
        var accounts = new AccountDirectory(db, volume.Database.Time);
        var page30 = new PageRequest(30);
        var first = new PageRequest(1);
        var ct = CancellationToken.None;
        _ = list switch
        {
            "Management" => await numbers.ListAsync(volume.Big, new NumberFilter(null, null, null), first, ct) as object,
            "Management status=Used" => await numbers.ListAsync(volume.Big, new NumberFilter(null, ServiceNumberStatus.Used, null), first, ct),
            "Management status=Unused" => await numbers.ListAsync(volume.Big, new NumberFilter(null, ServiceNumberStatus.Unused, null), first, ct),
            "Management status=Invalid" => await numbers.ListAsync(volume.Big, new NumberFilter(null, ServiceNumberStatus.Invalid, null), first, ct),
            "Management type=Ecs" => await numbers.ListAsync(volume.Big, new NumberFilter(null, null, InstanceType.Ecs), first, ct),
            "Management number prefix" => await numbers.ListAsync(volume.Big, new NumberFilter("4a", null, null), first, ct),
            "Management one-character prefix" => await numbers.ListAsync(volume.Big, new NumberFilter("a", null, null), first, ct),
            // More matches than the list counts (lowered here from the count limit): the page walks the list's order.
            "Management one-character prefix, many matches" => await new AccountNumbersQuery(db, volume.Database.Time) { DenseSearchAbove = 10 }
                .ListAsync(volume.Big, new NumberFilter("a", null, null), first, ct),
            "Management one-character prefix, many matches sort=number" => await new AccountNumbersQuery(db, volume.Database.Time) { DenseSearchAbove = 10 }
                .ListAsync(volume.Big, new NumberFilter("a", null, null), new(NumberSort.Number, true), first, ct),
            "Management page 30" => await numbers.ListAsync(volume.Big, new NumberFilter(null, null, null), new PageRequest(30), ct),
            "Application" => await instances.ListAsync(volume.Big, new InstanceFilter(null, null), first, ct),
            "Application search" => await instances.ListAsync(volume.Big, new InstanceFilter("i-scale-12", null), first, ct),
            "Application page 30" => await instances.ListAsync(volume.Big, new InstanceFilter(null, null), new PageRequest(30), ct),
            "Management sort=number" => await numbers.ListAsync(volume.Big, new NumberFilter(null, null, null), new(NumberSort.Number, false), first, ct),
            "Management sort=number desc page 30" => await numbers.ListAsync(volume.Big, new NumberFilter(null, null, null), new(NumberSort.Number, true), new PageRequest(30), ct),
            "Management sort=issued asc" => await numbers.ListAsync(volume.Big, new NumberFilter(null, null, null), new(NumberSort.Issued, false), first, ct),
            "Management sort=number status=Used" => await numbers.ListAsync(volume.Big, new NumberFilter(null, ServiceNumberStatus.Used, null), new(NumberSort.Number, false), first, ct),
            "Application sort=name" => await instances.ListAsync(volume.Big, new InstanceFilter(null, null), new(InstanceSort.Name, false), first, ct),
            "Application sort=expires desc page 30" => await instances.ListAsync(volume.Big, new InstanceFilter(null, null), new(InstanceSort.Expires, true), new PageRequest(30), ct),
            "Application sort=instanceid desc type=Ecs" => await instances.ListAsync(volume.Big, new InstanceFilter(null, InstanceType.Ecs), new(InstanceSort.InstanceId, true), first, ct),
            "Application qualified" => await instances.ListAsync(volume.Big, new InstanceFilter(null, null, QualifiedOnly: true), OwnerInstancesQuery.DefaultSort, first, ct),
            "Filings" => await new AccountFilingsQuery(db).ListAsync(volume.Big, first, ct),
            "Reseller customers" => await resellers.CustomersAsync(volume.Reseller, first, ct),
            "Reseller numbers" => await resellers.NumbersAsync(volume.Reseller, new ResellerNumberFilter(), first, ct),
            "Reseller numbers customer" => await resellers.NumbersAsync(volume.Reseller, new ResellerNumberFilter(CustomerId: volume.Customer), first, ct),
            "Reseller numbers sort=number desc page 30" => await resellers.NumbersAsync(volume.Reseller, new ResellerNumberFilter(), new(ResellerNumberSort.Number, true), page30, ct),
            "Reseller numbers issued asc" => await resellers.NumbersAsync(volume.Reseller, new ResellerNumberFilter(), new(ResellerNumberSort.Issued, false), first, ct),
            "API reseller numbers after cursor" => await resellers.NumbersSliceAsync(volume.Reseller, new ResellerNumberFilter(), await ResellerMiddleCursorAsync(), 100, ct),
            "Reseller export" => await resellers.StreamNumbersAsync(volume.Reseller, new ResellerNumberFilter(), ct).Take(10).ToListAsync(ct),
            "Reseller numbers status=Unused" => await resellers.NumbersAsync(volume.Reseller, new ResellerNumberFilter(Status: ServiceNumberStatus.Unused), first, ct),
            "API numbers" => await numbers.SliceAsync(volume.Big, new NumberFilter(null, null, null), null, 100, ct),
            "API numbers after cursor" => await numbers.SliceAsync(volume.Big, new NumberFilter(null, null, null), await MiddleCursorAsync(numbers), 100, ct),
            "API numbers type=Ecs" => await numbers.SliceAsync(volume.Big, new NumberFilter(null, null, InstanceType.Ecs), null, 100, ct),
            "API numbers status=Unused" => await numbers.SliceAsync(volume.Big, new NumberFilter(null, ServiceNumberStatus.Unused, null), null, 100, ct),
            "API granted numbers" => await numbers.GrantedSliceAsync(volume.Big, null, 100, ct),
            "API reseller customers" => await resellers.CustomersSliceAsync(volume.Reseller, null, 2, ct),
            "API reseller numbers" => await resellers.NumbersSliceAsync(volume.Reseller, new ResellerNumberFilter(), null, 100, ct),
            "Management search ip" => await numbers.ListAsync(volume.Big, new NumberFilter("47.96.12.34", null, null), first, ct),
            "Management search ip prefix" => await numbers.ListAsync(volume.Big, new NumberFilter("47.96.", null, null), first, ct),
            "Management search website" => await numbers.ListAsync(volume.Big, new NumberFilter("site1234.example.cn", null, null), first, ct),
            "Management search website status=Used" => await numbers.ListAsync(volume.Big, new NumberFilter("site12.", ServiceNumberStatus.Used, null), first, ct),
            "Management export" => await numbers.StreamAsync(volume.Big, new NumberFilter(null, null, null), AccountNumbersQuery.DefaultSort, ct).Take(10).ToListAsync(ct),
            "Management export search ip" => await numbers.StreamAsync(volume.Big, new NumberFilter("47.96.12.34", null, null), AccountNumbersQuery.DefaultSort, ct).Take(10).ToListAsync(ct),
            "Granted" => await numbers.GrantedAsync(volume.Big, AccountNumbersQuery.DefaultGrantedSort, first, ct),
            "Granted sort=number" => await numbers.GrantedAsync(volume.Big, new(GrantedSort.Number, false), first, ct),
            "API numbers search website" => await numbers.SliceAsync(volume.Big, new NumberFilter("site1234.example.cn", null, null), null, 100, ct),
            "Support instances" => await support.SearchAsync(null, first, ct),
            "Support search" => await support.SearchAsync("i-scale-12", first, ct),
            "Support search ip" => await support.SearchAsync("47.96.0.13", first, ct),
            "Support search email" => await support.SearchAsync("big", first, ct),
            "Support instances sort=name" => await support.SearchAsync(null, new(SupportInstanceSort.Name, false), first, ct),
            "Support instances sort=name desc page 30" => await support.SearchAsync(null, new(SupportInstanceSort.Name, true), page30, ct),
            "Support instances sort=instanceid desc" => await support.SearchAsync(null, new(SupportInstanceSort.InstanceId, true), first, ct),
            "Filings sort=domain" => await filings.ListAsync(volume.Big, new(FilingSort.Domain, false), first, ct),
            "Filings sort=domain desc page 30" => await filings.ListAsync(volume.Big, new(FilingSort.Domain, true), page30, ct),
            "Filings sort=submitted asc" => await filings.ListAsync(volume.Big, new(FilingSort.Submitted, false), first, ct),
            "Reseller customers sort=name" => await resellers.CustomersAsync(volume.Reseller, new(CustomerSort.Name, false), first, ct),
            "Reseller customers sort=email desc page 30" => await resellers.CustomersAsync(volume.Reseller, new(CustomerSort.Email, true), page30, ct),
            "Reseller numbers sort=number" => await resellers.NumbersAsync(volume.Reseller, new ResellerNumberFilter(), new(ResellerNumberSort.Number, false), first, ct),
            "Admin accounts" => await accounts.SearchAsync(null, null, first, ct),
            "Admin accounts sort=name" => await accounts.SearchAsync(null, null, new(AccountSort.Name, false), first, ct),
            "Admin accounts sort=lastsignin desc page 30" => await accounts.SearchAsync(null, null, new(AccountSort.LastSignIn, true), page30, ct),
            "Admin accounts sort=email desc" => await accounts.SearchAsync(null, null, new(AccountSort.Email, true), first, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, "no such list"),
        };
    }

    private const string UnfilteredPage = """
        SELECT "i"."InstanceId", "a"."Email"
        FROM "Instances" AS "i"
        LEFT JOIN "AspNetUsers" AS "a" ON "i"."OwnerId" = "a"."Id"
        ORDER BY "i"."InstanceId"
        LIMIT @p1 OFFSET @p
        """;

    private const string BoundedCount = """
        SELECT COUNT(*)
        FROM (
            SELECT 1
            FROM "Instances" AS "i"
            LEFT JOIN "AspNetUsers" AS "a" ON "i"."OwnerId" = "a"."Id"
            ORDER BY "i"."InstanceId"
            LIMIT @p
        ) AS "s"
        """;

    private const string IndexWalk = "SCAN i USING INDEX IX_Instances_InstanceId";

    private const string OwnerLookup = "SEARCH a USING INDEX sqlite_autoindex_AspNetUsers_1 (Id=?) LEFT-JOIN";

    /// <summary>
    /// The rule that lets support's unfiltered instance list walk an index (<see cref="IsBoundedWalk"/>), on plans
    /// written out here: only a walk that the LIMIT stops is allowed; a filter, a sort, an inner join or an aggregate
    /// under the same LIMIT makes the walk read the whole table again, and that still counts as a scan.
    /// </summary>
    [Theory]
    [InlineData("page read in index order", UnfilteredPage, IndexWalk + "|" + OwnerLookup, false)]
    [InlineData("bounded count in index order", BoundedCount, "CO-ROUTINE s|" + IndexWalk + "|" + OwnerLookup + "|SCAN s", false)]
    [InlineData("filtered under a LIMIT", UnfilteredPage + "|WHERE", IndexWalk + "|" + OwnerLookup, true)]
    [InlineData("filtered count under a LIMIT", BoundedCount + "|WHERE", "CO-ROUTINE s|" + IndexWalk + "|" + OwnerLookup + "|SCAN s", true)]
    [InlineData("no LIMIT", UnfilteredPage + "|NOLIMIT", IndexWalk + "|" + OwnerLookup, true)]
    [InlineData("sorted outside the index", UnfilteredPage, "SCAN i|" + OwnerLookup + "|USE TEMP B-TREE FOR ORDER BY", true)]
    [InlineData("inner join under a LIMIT", UnfilteredPage + "|INNER", IndexWalk + "|" + OwnerLookup, true)]
    [InlineData("aggregate over the walk", "SELECT COUNT(*) FROM \"Instances\" AS \"i\" LIMIT 1", IndexWalk, true)]
    [InlineData("table joined, not walked first", "SELECT 1 FROM \"AspNetUsers\" AS \"a\" LEFT JOIN \"Instances\" AS \"i\" ON 1 LIMIT 5", "SCAN a|" + IndexWalk, true)]
    public void Scans_OfAGuardedTable_AllowOnlyAnUnfilteredWalkUnderALimit(string what, string sql, string plan, bool scans)
    {
        sql = sql.EndsWith("|WHERE", StringComparison.Ordinal)
            ? sql[..^6].Replace("ORDER BY", "WHERE \"i\".\"Status\" = 'Running'\nORDER BY", StringComparison.Ordinal)
            : sql.EndsWith("|NOLIMIT", StringComparison.Ordinal) ? sql[..^8].Replace("LIMIT @p1 OFFSET @p", "", StringComparison.Ordinal)
            : sql.EndsWith("|INNER", StringComparison.Ordinal) ? sql[..^6].Replace("LEFT JOIN", "INNER JOIN", StringComparison.Ordinal)
            : sql;

        var found = Scans(sql, plan.Split('|'));

        Assert.True(found.Count > 0 == scans, $"{what}: expected {(scans ? "a scan" : "no scan")}, found [{string.Join("; ", found)}] in {sql}");
    }

    /// <summary>Where the API's 31st page of 100 starts: a cursor deep in the account's numbers.</summary>
    private async Task<NumberCursor> MiddleCursorAsync(AccountNumbersQuery numbers)
    {
        await using var db = volume.Database.NewContext();
        var key = await db.ServiceNumbers.Where(n => n.AccountId == volume.Big).OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Id)
            .Skip(3_000).Select(n => new { n.IssuedAt, n.Id }).FirstAsync();
        _ = numbers;
        return new NumberCursor(key.IssuedAt, key.Id);
    }

    /// <summary>Where the reseller API's 11th page of 100 starts: a cursor deep in the customers' numbers.</summary>
    private async Task<NumberCursor> ResellerMiddleCursorAsync()
    {
        await using var db = volume.Database.NewContext();
        var customers = db.Users.Where(u => u.ResellerId == volume.Reseller).Select(u => u.Id);
        var key = await db.ServiceNumbers.Where(n => customers.Contains(n.AccountId)).OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Id)
            .Skip(1_000).Select(n => new { n.IssuedAt, n.Id }).FirstAsync();
        return new NumberCursor(key.IssuedAt, key.Id);
    }

    /// <summary>
    /// The API's keyset seek reads only the (account, issued at, id) index: no table row is touched until the page's
    /// ids are known, so a deep page costs what the first does.
    /// </summary>
    [Fact]
    public async Task ApiNumbersSeek_AfterACursor_ReadsOnlyTheCoveringIndex()
    {
        var recorder = new CommandRecorder();
        await using (var db = volume.Database.NewContext(recorder))
        {
            var numbers = new AccountNumbersQuery(db, volume.Database.Time);
            var slice = await numbers.SliceAsync(volume.Big, new NumberFilter(null, null, null), await MiddleCursorAsync(numbers), 100, CancellationToken.None);
            Assert.Equal(100, slice.Items.Count);
        }

        var seek = recorder.Commands[0];
        var plan = await PlanAsync(seek);
        Assert.Contains(plan, step => step.StartsWith("SEARCH", StringComparison.Ordinal)
            && step.Contains("USING COVERING INDEX IX_ServiceNumbers_AccountId_IssuedAt_Id", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <summary>
    /// ICP No. Management's search by IP address or website starts from the index on what was searched (the address
    /// rows, the filings' domains) and reaches the account's numbers by key: it never walks the account's numbers.
    /// </summary>
    [Theory]
    [InlineData("47.96.12.34", "IX_InstanceAddresses_Address_InstanceRef")]
    [InlineData("47.96.", "IX_InstanceAddresses_Address_InstanceRef")]
    [InlineData("site1234.example.cn", "IX_Filings_DomainAscii_ServiceNumberRef")]
    public async Task ManagementSearch_ByAddressOrWebsite_SeeksTheSearchedIndex(string search, string index)
    {
        var recorder = new CommandRecorder();
        await using (var db = volume.Database.NewContext(recorder))
        {
            await new AccountNumbersQuery(db, volume.Database.Time).ListAsync(volume.Big, new NumberFilter(search, null, null), new PageRequest(1), CancellationToken.None);
        }

        foreach (var command in recorder.Commands)
        {
            var plan = await PlanAsync(command);
            Assert.True(plan.Any(step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains(index, StringComparison.Ordinal)),
                $"{search}: no seek of {index}:\n{string.Join("\n", plan)}\n  in: {command.Sql}");
            Assert.Contains(plan, step => step.StartsWith("SEARCH s USING INTEGER PRIMARY KEY", StringComparison.Ordinal)
                || step.StartsWith("SEARCH s USING INDEX IX_ServiceNumbers_InstanceRef_IssuedAt (InstanceRef=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("IX_ServiceNumbers_AccountId", StringComparison.Ordinal));
        }
    }

    /// <summary>EXPLAIN QUERY PLAN of the command as it was sent, with its parameters.</summary>
    private async Task<List<string>> PlanAsync(RecordedCommand command)
    {
        await using var db = volume.Database.NewContext();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    [GeneratedRegex("\"(?<table>\\w+)\" AS \"(?<alias>\\w+)\"")]
    private static partial Regex TableAlias();

    /// <summary>
    /// "SCAN s", "SCAN s USING INDEX …", "SCAN s USING COVERING INDEX …": every row of the table or index. "BLOOM FILTER
    /// ON s": a join's filter that SQLite builds by reading every row of s before the query's first row.
    /// </summary>
    [GeneratedRegex("^(?:SCAN|BLOOM FILTER ON) (?<alias>\\w+)(?: |$)")]
    private static partial Regex ScanStep();

    /// <summary>
    /// One analysed database for the class: 4,000 instances and 20,000 numbers, a reseller with three customers and
    /// 3,000 more without instances, 3,000 other accounts, and 2,000 filings of the big account.
    /// </summary>
    public sealed class Volume : IAsyncLifetime
    {
        internal TestDatabase Database { get; private set; } = null!;

        public string Big { get; private set; } = null!;

        public string Reseller { get; private set; } = null!;

        public string Customer { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await TestDatabase.CreateSqliteAsync();
            Big = await Database.SeedAccountAsync("big");
            Reseller = await Database.SeedAccountAsync("reseller", Roles.Reseller);
            var customers = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                customers.Add(await Database.SeedAccountAsync($"customer{i}"));
            }

            Customer = customers[0];
            await using (var db = Database.NewContext())
            {
                await db.Users.Where(u => customers.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.ResellerId, Reseller));
            }

            await ScaleData.GenerateAsync(Database, [Big, Big, .. customers], instances: 4_000);
            await AddAccountsAsync();
        }

        /// <summary>
        /// Enough accounts that their lists' plans are the plans of a real console, not of a few rows (the scale data
        /// already files every used number).
        /// </summary>
        private async Task AddAccountsAsync()
        {
            await using var db = Database.NewContext();
            var at = Database.UtcNow.AddDays(-10).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE seq(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM seq WHERE x < 5999)
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed,
                    TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DisplayName, ResellerId, Suspended, LastSignInAt)
                SELECT 'scale-user-' || x, 'scale' || x, 'SCALE' || x, 'scale' || x || '@example.com', 'SCALE' || x || '@EXAMPLE.COM', 1, 0,
                    0, 1, 0, 'Scale ' || (x % 700), CASE WHEN x % 2 = 0 THEN {Reseller} END, 0,
                    CASE WHEN x % 3 = 0 THEN NULL ELSE datetime({at}, '+' || x || ' minutes') END
                FROM seq
                """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }

    private sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<RecordedCommand> _commands = new();

        public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(new RecordedCommand(
                command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            return ValueTask.FromResult(result);
        }
    }
}
