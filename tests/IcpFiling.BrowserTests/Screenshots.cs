using Microsoft.Playwright;

namespace IcpFiling.BrowserTests;

/// <summary>
/// PNG screenshots in the test output folder (screenshots/ beside the test assembly), copied to
/// /tmp/icpfiling-screens/ so a person can look at what the browser saw.
/// </summary>
public static class Screenshots
{
    public const string SharedFolder = "/tmp/icpfiling-screens";

    public static string OutputFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<string> TakeAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(OutputFolder);
        var path = Path.Combine(OutputFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        CopyToSharedFolder(path);
        return path;
    }

    private static void CopyToSharedFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(SharedFolder);
            File.Copy(path, Path.Combine(SharedFolder, Path.GetFileName(path)), overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The copy is a convenience for people; the screenshot in the output folder is what counts.
        }
    }
}
