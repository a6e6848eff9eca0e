using System.Net;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>Date filters of Issued numbers outside the console's range: a message on the page, 400 for the export, never 500.</summary>
public sealed class ResellerDateFilterTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("from=9999-12-31")]
    [InlineData("from=0001-01-01")]
    [InlineData("from=1999-12-31&to=3000-01-01")]
    public async Task Numbers_WithDateOutsideTheRange_ShowsTheMessage(string query)
    {
        using var reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);

        var response = await reseller.Http.GetAsync($"/reseller/numbers?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleClient.ParseAsync(response);
        Assert.Contains("Enter a date between 2000-01-01 and 2999-12-31.", page.QuerySelector("[data-testid=errors]")?.TextContent ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    public async Task Export_WithDateOutsideTheRange_Is400(string query)
    {
        using var reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);

        var response = await reseller.Http.GetAsync($"/reseller/numbers/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Numbers_WithTheLastDateOfTheRange_ListsNumbers()
    {
        using var reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);

        var page = await reseller.GetAsync("/reseller/numbers?from=2000-01-01&to=2999-12-31");

        Assert.Null(page.QuerySelector("[data-testid=errors]"));
        Assert.NotEmpty(page.QuerySelectorAll("tr[data-number]"));
    }
}
