using System.Text.RegularExpressions;
using AngleSharp.Dom;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Who acted, on every history in Chinese: the console itself, an API client and an operator at the command line read
/// as their kind in Chinese (the owner's Activity, support's instance history, the administrators' audit trail), never
/// as the stored codes "System", "ApiClient" or "Operator". Ids stay, as codes.
/// </summary>
public sealed partial class HistoryActorKindsTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task ChineseHistories_NameTheConsoleApiClientsAndOperatorsInChinese()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"actors-{tag}@demo.test";
        var ownerId = await factory.EnsureAccountAsync(email, Roles.Owner);
        var instance = $"i-actors-{tag}";
        await factory.WithDbAsync(async db =>
        {
            db.Instances.Add(QualifiedInstance.Build(ownerId, instance, DateTime.UtcNow));
            db.AuditEntries.Add(AuditEntry.Record(DateTime.UtcNow.AddMinutes(-3), Actor.ApiClient(3, "r1"), AuditActions.InstanceCreated, AuditSubjects.Instance, instance));
            db.AuditEntries.Add(AuditEntry.Record(DateTime.UtcNow.AddMinutes(-2), new Actor("command-line:root", "Operator", null), AuditActions.InstanceUpdated, AuditSubjects.Instance, instance));
            db.AuditEntries.Add(AuditEntry.Record(DateTime.UtcNow.AddMinutes(-1), Actor.System, AuditActions.InstanceExpired, AuditSubjects.Instance, instance));
            return await db.SaveChangesAsync();
        });

        var activity = await ChinesePageAsync(email, "/activity");
        var review = await ChinesePageAsync(DemoAccounts.Support, $"/support/instances/{instance}");
        var audit = await ChinesePageAsync(DemoAccounts.Admin, $"/admin/audit?subject={instance}");

        Assert.Equal(["控制台（自动）", "运维人员（命令行）", "API 客户端"], Actors(activity, instance));
        Assert.Equal(["控制台（自动）", "command-line:root (运维人员（命令行）)", "api-client:3 (API 客户端)"], Actors(review, instance));
        Assert.Equal(Actors(review, instance), Actors(audit, instance));
        foreach (var page in new[] { activity, review, audit })
        {
            // Apart from ids (code) and the term "API", no Latin letters: no role code is shown as it is stored.
            Assert.All(Cells(page, instance), cell => Assert.DoesNotMatch(Latin(), WithoutCode(cell).Replace("API", "", StringComparison.Ordinal)));
        }
    }

    private async Task<IDocument> ChinesePageAsync(string email, string path)
    {
        using var client = await ConsoleClient.SignInAsync(factory, email);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return await client.GetAsync(path);
    }

    private static IEnumerable<IElement> Cells(IDocument page, string instance) =>
        page.QuerySelectorAll($"[data-testid=history] tr[data-subject='{instance}'] [data-testid=actor]");

    private static List<string> Actors(IDocument page, string instance) =>
        [.. Cells(page, instance).Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];

    private static string WithoutCode(IElement cell)
    {
        var copy = (IElement)cell.Clone();
        foreach (var code in copy.QuerySelectorAll("code").ToList())
        {
            code.Remove();
        }

        return copy.TextContent;
    }

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Latin();
}
