using System.Globalization;
using CsvHelper;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Web.Admin;

public enum InventoryKind
{
    Accounts,
    Instances,
}

/// <summary>One bad row of a file: its line (the header is line 1), the column, and what is wrong.</summary>
public sealed record CsvProblem(int Line, string? Column, string Message);

/// <summary>A parsed file: the items in the API's shape, the line each came from, and what could not be read.</summary>
public sealed record ParsedInventory(IReadOnlyList<InventoryItem> Items, IReadOnlyList<int> Lines, IReadOnlyList<CsvProblem> Problems);

/// <summary>
/// The inventory as CSV, in the shape of the API's records (same field names, camel-case enum values, ISO 8601 times,
/// public IPs separated by spaces), so export → edit → import works. Reading is CsvHelper's; judging is the API's.
/// </summary>
public static class InventoryCsv
{
    public static readonly string[] AccountColumns = ["accountId", "email", "displayName", "status", "resellerId", "version"];

    public static readonly string[] InstanceColumns =
        ["instanceId", "ownerId", "type", "name", "regionId", "billing", "subscriptionStartsAt", "purchasedMonths", "expiresAt", "publicIps", "status", "trial", "provider", "orderAmount", "version"];

    public static string[] Columns(InventoryKind kind) => kind == InventoryKind.Accounts ? AccountColumns : InstanceColumns;

    public static async Task<ParsedInventory> ReadAsync(Stream file, InventoryKind kind, int maxRows, CancellationToken cancellationToken)
    {
        var items = new List<InventoryItem>();
        var lines = new List<int>();
        var problems = new List<CsvProblem>();
        await using var csv = CsvReader.Create(file, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true }, leaveOpen: true);
        if (!await csv.ReadAsync(cancellationToken))
        {
            return new ParsedInventory(items, lines, [new CsvProblem(1, null, "The file has no rows.")]);
        }

        var missing = Columns(kind).Where(c => !csv.TryGetFieldIndex(c, out _)).ToList();
        if (missing.Count > 0)
        {
            return new ParsedInventory(items, lines, [new CsvProblem(1, null, $"The header lacks the columns: {string.Join(", ", missing)}.")]);
        }

        do
        {
            var line = (int)csv.LineNumber;
            if (items.Count == maxRows)
            {
                problems.Add(new CsvProblem(line, null, $"A file holds at most {maxRows} rows."));
                break;
            }

            var row = new RowReader(csv, line, problems);
            items.Add(kind == InventoryKind.Accounts ? new InventoryItem(Account: row.Account()) : new InventoryItem(Instance: row.Instance()));
            lines.Add(line);
        }
        while (await csv.ReadAsync(cancellationToken));

        return new ParsedInventory(items, lines, problems);
    }

    /// <summary>The API's own refusals (<c>Items[3].RegionId</c>) as lines and columns of the file.</summary>
    public static IEnumerable<CsvProblem> ToLines(IEnumerable<Problem> problems, IReadOnlyList<int> lines, Func<Notice, string> localize) =>
        problems.Select(p =>
        {
            var field = p.Field ?? "";
            var open = field.IndexOf('[', StringComparison.Ordinal);
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var index = open >= 0 && close > open && int.TryParse(field[(open + 1)..close], CultureInfo.InvariantCulture, out var i) ? i : -1;
            var column = close >= 0 && close + 2 <= field.Length ? field[(close + 2)..] : null;
            column = string.IsNullOrEmpty(column) ? null : char.ToLowerInvariant(column[0]) + column[1..];
            return new CsvProblem(index >= 0 && index < lines.Count ? lines[index] : 1, column, localize(p.Message));
        }).OrderBy(p => p.Line);

    public static IReadOnlyList<CsvColumn<ApplicationUser>> AccountExport { get; } =
    [
        new("accountId", u => u.Id),
        new("email", u => u.Email),
        new("displayName", u => u.DisplayName),
        new("status", u => u.Suspended ? "suspended" : "active"),
        new("resellerId", u => u.ResellerId),
        new("version", u => (u.SourceVersion ?? 0).ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The API's fields; times in China time with their offset (the import reads any offset), as in every export.</summary>
    public static IReadOnlyList<CsvColumn<Instance>> InstanceExport(ConsoleTime clock) =>
    [
        new("instanceId", i => i.InstanceId),
        new("ownerId", i => i.OwnerId),
        new("type", i => Camel(i.Type)),
        new("name", i => i.Name),
        new("regionId", i => i.Region),
        new("billing", i => Camel(i.Billing)),
        new("subscriptionStartsAt", i => clock.Iso(i.SubscriptionStartsAt)),
        new("purchasedMonths", i => i.PurchasedMonths.ToString(CultureInfo.InvariantCulture)),
        new("expiresAt", i => clock.Iso(i.ExpiresAt)),
        new("publicIps", i => string.Join(' ', i.PublicIps)),
        new("status", i => Camel(i.Status)),
        new("trial", i => i.IsTrial ? "true" : "false"),
        new("provider", i => Camel(i.Provider)),
        new("orderAmount", i => i.OrderAmount?.ToString("0.00", CultureInfo.InvariantCulture)),
        new("version", i => i.SourceVersion.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The owner accounts (what the inventory writes), in id order.</summary>
    public static IAsyncEnumerable<ApplicationUser> OwnerAccounts(IcpFilingDbContext db)
    {
        var ownerRole = db.Roles.Where(r => r.Name == Roles.Owner).Select(r => r.Id);
        return db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ownerRole.Contains(ur.RoleId))).OrderBy(u => u.Id).AsAsyncEnumerable();
    }

    public static IAsyncEnumerable<Instance> Instances(IcpFilingDbContext db) => db.Instances.AsNoTracking().OrderBy(i => i.InstanceId).AsAsyncEnumerable();

    private static string Camel<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Reads one row's fields; a value that does not parse is a problem of its line and column, and the field stays empty.</summary>
    private sealed class RowReader(CsvReader csv, int line, List<CsvProblem> problems)
    {
        public AccountRecord Account() => new()
        {
            AccountId = Text("accountId"),
            Email = Text("email"),
            DisplayName = Text("displayName"),
            Status = Enum<AccountStatus>("status") ?? AccountStatus.Active,
            ResellerId = Text("resellerId"),
            Version = Long("version") ?? 0,
        };

        public InstanceRecord Instance() => new()
        {
            InstanceId = Text("instanceId"),
            OwnerId = Text("ownerId"),
            Type = Enum<InstanceType>("type"),
            Name = Text("name"),
            RegionId = Text("regionId"),
            Billing = Enum<BillingMethod>("billing"),
            SubscriptionStartsAt = Time("subscriptionStartsAt"),
            PurchasedMonths = (int?)Long("purchasedMonths"),
            ExpiresAt = Time("expiresAt"),
            PublicIps = Text("publicIps")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            Status = Enum<InstanceStatus>("status"),
            Trial = Text("trial") switch
            {
                null => false,
                var t when t.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
                var t when t.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
                _ => Bad("trial", "Write true or false."),
            },
            Provider = Enum<HostingProvider>("provider") ?? HostingProvider.ThisProvider,
            OrderAmount = Text("orderAmount") is { } amount
                ? decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : BadValue<decimal?>("orderAmount", "Write an amount such as 99.00.")
                : null,
            Version = Long("version") ?? 0,
        };

        private string? Text(string column)
        {
            var value = csv.GetStringOrNull(column)?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private long? Long(string column) => Text(column) is { } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= int.MaxValue * 1000L ? value : BadValue<long?>(column, "Write a whole number.")
            : null;

        private DateTime? Time(string column) => Text(column) is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.UtcDateTime : BadValue<DateTime?>(column, "Write a time in ISO 8601, such as 2026-10-01T00:00:00Z.")
            : null;

        private TEnum? Enum<TEnum>(string column) where TEnum : struct, Enum => Text(column) is { } text
            ? System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0])
                ? value
                : BadValue<TEnum?>(column, $"Write one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.")
            : null;

        private bool Bad(string column, string message)
        {
            problems.Add(new CsvProblem(line, column, message));
            return false;
        }

        private T BadValue<T>(string column, string message)
        {
            Bad(column, message);
            return default!;
        }
    }
}
