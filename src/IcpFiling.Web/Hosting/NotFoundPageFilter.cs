using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IcpFiling.Web.Hosting;

/// <summary>Hides a Razor page (self-registration when it is switched off): it answers 404 as if absent.</summary>
internal sealed class NotFoundPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        context.Result = new NotFoundResult();
        return Task.CompletedTask;
    }
}
