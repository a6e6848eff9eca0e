using AngleSharp.Dom;
using IcpFiling.Core.Accounts;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>Regions read as the catalogue names them, in the page's language, with the id beside; never the bare id alone.</summary>
public sealed class RegionNamesTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Theory]
    [InlineData("zh-CN", "华东1（杭州）")]
    [InlineData("en-US", "China (Hangzhou)")]
    public async Task OwnersApplicationList_AndSupportsReview_NameTheRegion_WithItsId(string language, string name)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"regions-{tag}@demo.test";
        var ownerId = await factory.EnsureAccountAsync(email, Roles.Owner);
        var instance = $"i-regions-{tag}";
        await factory.WithDbAsync(async db =>
        {
            db.Instances.Add(QualifiedInstance.Build(ownerId, instance, DateTime.UtcNow, change: i => i.Region = "cn-hangzhou"));
            return await db.SaveChangesAsync();
        });

        var application = await PageAsync(email, language, "/icp-no/application");
        var review = await PageAsync(DemoAccounts.Support, language, $"/support/instances/{instance}");

        foreach (var region in new[] { Region(application.QuerySelector($"tr[data-instance-id='{instance}']")!), Region(review.Body!) })
        {
            Assert.Equal(name, region.TextContent.Trim());
            Assert.Equal("cn-hangzhou", region.GetAttribute("title"));
            Assert.Equal("cn-hangzhou", region.NextElementSibling?.TextContent);
        }
    }

    private async Task<IDocument> PageAsync(string email, string language, string path)
    {
        using var client = await ConsoleClient.SignInAsync(factory, email);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return await client.GetAsync(path);
    }

    private static IElement Region(IElement scope) => scope.QuerySelector("[data-testid=region]") ?? throw new InvalidOperationException("No region shown.");
}
