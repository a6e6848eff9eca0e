using System.Net;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace IcpFiling.BrowserTests;

/// <summary>
/// One app and one browser for a test class: the real app served by Kestrel on 127.0.0.1 (a free port chosen by
/// the OS) on its own throw-away database with the demo data, and one headless Chromium. Tests open a fresh
/// browser context each. Nothing starts when Chromium is missing: the tests then skip (or fail on CI).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Every wait in the browser fails after this long instead of stalling the run.</summary>
    public const float TimeoutMs = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IcpFilingWebFactory App { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser was not started (is Chromium installed?).");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return;
        }

        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseAddress = ReadListeningAddress();

        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a fresh browser context on the app; on failure, a screenshot of where the test
    /// stood is written and its path printed. Every browser test goes through here.
    /// </summary>
    public async Task RunAsync(
        string name, ITestOutputHelper output, Func<IPage, Task> body, string locale = "en-US", bool javaScript = true, int viewportHeight = 900)
    {
        Chromium.RequireInstalled();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = viewportHeight },
        });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        try
        {
            await body(page);
        }
        catch
        {
            var path = await Screenshots.TakeAsync(page, $"FAILED-{name}");
            output.WriteLine($"Failed at {page.Url}; screenshot: {path}");
            throw;
        }
        finally
        {
            output.WriteLine($"{name}: {watch.ElapsedMilliseconds} ms in the browser.");
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private Uri ReadListeningAddress()
    {
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel is not listening on 127.0.0.1 (addresses: {string.Join(", ", addresses)}).");
        return new Uri(address);
    }
}
