using Microsoft.Playwright;
using Xunit;

namespace IcpFiling.BrowserTests;

/// <summary>
/// The system Chromium (Debian's chromium package). Playwright never downloads a browser here: CI installs the
/// package, and a developer machine without it skips the browser tests with a reason instead of failing.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal);

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Timeout = 30_000,
        Args =
        [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    };

    /// <summary>Fails on CI (which must have installed chromium), skips elsewhere, when the browser is missing.</summary>
    public static void RequireInstalled()
    {
        if (IsInstalled)
        {
            return;
        }

        if (OnCi)
        {
            Assert.Fail($"{ExecutablePath} is missing. CI must install Debian's chromium package (apt-get install -y chromium); the browser tests never download a browser.");
        }

        Skip.If(true, $"{ExecutablePath} is not installed (apt-get install chromium): browser tests skipped. They fail instead when CI=true.");
    }
}
