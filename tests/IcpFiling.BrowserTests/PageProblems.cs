using Microsoft.Playwright;

namespace IcpFiling.BrowserTests;

/// <summary>
/// What went wrong in a page while a test drove it: console errors (Chromium logs blocked inline script or style and
/// failed resource loads there), uncaught script errors, responses with an error status (which the console message
/// does not name), and Content-Security-Policy violations as the page reports them through its
/// <c>securitypolicyviolation</c> event.
/// </summary>
public sealed class PageProblems
{
    private const string ReportBinding = "__icpFilingReportCspViolation";

    private const string CspListener =
        "document.addEventListener('securitypolicyviolation', e => window." + ReportBinding + "(" +
        "`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || 'document'}:${e.lineNumber})`));";

    private readonly Lock _lock = new();
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Starts listening; call before the first navigation so every page of the test is covered.</summary>
    public static async Task<PageProblems> WatchAsync(IPage page)
    {
        var problems = new PageProblems();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                var source = string.IsNullOrEmpty(message.Location) ? "" : $" (at {message.Location})";
                problems.Add($"console error on {page.Url}: {message.Text}{source}");
            }
        };
        page.PageError += (_, error) => problems.Add($"uncaught error on {page.Url}: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        await page.ExposeFunctionAsync(ReportBinding, (string violation) => problems.Add($"CSP violation on {page.Url}: {violation}"));
        await page.AddInitScriptAsync(CspListener);
        return problems;
    }

    public override string ToString()
    {
        var all = All;
        return all.Count == 0 ? "no problems" : $"{all.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", all);
    }

    private void Add(string problem)
    {
        lock (_lock)
        {
            _problems.Add(problem);
        }
    }
}
