using IcpFiling.Testing;
using IcpFiling.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// The paths the layout and lists take from <see cref="ConsoleLinks"/> (made once, not per render) are exactly the
/// paths routing makes for the request, path base included, and a row's value is encoded as routing encodes it.
/// </summary>
public sealed class ConsoleLinksTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    public static TheoryData<string, string> NavigationActions => new()
    {
        { "Application", "Index" }, { "Management", "Index" }, { "Management", "Granted" }, { "Management", "Export" },
        { "Filings", "Index" }, { "Activity", "Index" }, { "Resellers", "Customers" }, { "Resellers", "Numbers" },
        { "Support", "Index" }, { "Admin", "Index" },
    };

    [Theory]
    [MemberData(nameof(NavigationActions))]
    public void Action_IsTheRoutedPath_UnderThePathBase(string controller, string action)
    {
        var (links, routing, context) = Parts("/console");

        Assert.Equal(routing.GetPathByAction(context, action, controller, new { area = "" }), links.Action(context, controller, action));
        // Made once, the path still follows each request's base.
        Assert.Equal(routing.GetPathByAction(Parts("").Context, action, controller, new { area = "" }), links.Action(Parts("").Context, controller, action));
    }

    [Fact]
    public void Page_IsTheRoutedPath_UnderThePathBase()
    {
        var (links, routing, context) = Parts("/console");

        Assert.Equal(routing.GetPathByPage(context, "/Account/Manage/Index", handler: null, new { area = "Identity" }), links.Page(context, "/Account/Manage/Index", "Identity"));
    }

    [Theory]
    [InlineData("0b8e7d2a-1c4f-4f7e-9a55-3d2c1b0a9f8e")]
    [InlineData("a b/ü?&#")]
    public void ActionWithARouteValue_PutsTheValueWhereRoutingDoes(string number)
    {
        var (links, routing, context) = Parts("/console");

        Assert.Equal(
            routing.GetPathByAction(context, "Restrict", "Management", new { area = "", number }),
            links.Action(context, "Management", "Restrict", ("number", number)));
    }

    [Fact]
    public void Action_ToNoRoute_FailsLoudly()
    {
        var (links, _, context) = Parts("");

        Assert.Throws<InvalidOperationException>(() => links.Action(context, "Management", "NoSuchAction"));
    }

    private (ConsoleLinks Links, LinkGenerator Routing, HttpContext Context) Parts(string pathBase)
    {
        var services = factory.Services;
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.PathBase = pathBase;
        return (services.GetRequiredService<ConsoleLinks>(), services.GetRequiredService<LinkGenerator>(), context);
    }
}
