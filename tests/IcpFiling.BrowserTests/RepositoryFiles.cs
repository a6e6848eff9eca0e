using System.Xml.Linq;

namespace IcpFiling.BrowserTests;

/// <summary>Files of the repository the tests read or write: the translation, and the README's screenshots.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>docs/screenshots: the README shows these, so every browser run regenerates them.</summary>
    public static string ScreenshotFolder => Path.Combine(Root, "docs", "screenshots");

    /// <summary>The English keys of the Simplified Chinese translation.</summary>
    public static IReadOnlyList<string> TranslatedKeys() =>
        [.. XDocument.Load(Path.Combine(Root, "src", "IcpFiling.Web", "Resources", "SharedResource.zh-Hans.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcpFiling.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with IcpFiling.sln) is not above " + AppContext.BaseDirectory);
    }
}
