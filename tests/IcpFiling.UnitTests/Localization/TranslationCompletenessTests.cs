using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IcpFiling.UnitTests.Localization;

/// <summary>
/// Every English text the console shows has a Simplified Chinese entry. The texts are read from the source, the
/// way a reviewer would find them: whatever a view or controller passes to the localizer (<c>T["…"]</c>, including
/// both sides of a <c>T[cond ? "a" : "b"]</c>), validation attributes' <c>ErrorMessage</c>, the enum and audit label
/// tables, the sentences of Core (every notice, refusal, rule and message constant), and the instance types'
/// display names as shipped. A new string without a translation fails here with its file.
/// </summary>
public sealed partial class TranslationCompletenessTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void EveryConsoleString_HasASimplifiedChineseEntry()
    {
        var translated = TranslatedKeys();
        var used = UsedStrings();

        var missing = used.Where(u => !translated.Contains(u.Text)).Select(u => $"{u.File}: \"{u.Text}\"").Distinct().Order().ToList();

        Assert.True(used.Count > 300, $"Only {used.Count} strings were found: the extraction is broken.");
        Assert.True(missing.Count == 0,
            $"{missing.Count} string(s) have no entry in src/IcpFiling.Web/Resources/SharedResource.zh-Hans.resx:{Environment.NewLine}"
            + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void EveryEntry_KeepsItsPlaceholders()
    {
        var entries = XDocument.Load(ResxPath).Root!.Elements("data")
            .Select(d => (Key: (string)d.Attribute("name")!, Value: (string)d.Element("value")!));

        var broken = entries.Where(e => !Placeholder().Matches(e.Key).Select(m => m.Value).Distinct().Order()
                .SequenceEqual(Placeholder().Matches(e.Value).Select(m => m.Value).Distinct().Order()))
            .Select(e => e.Key).ToList();
        var empty = entries.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();

        Assert.Empty(broken);
        Assert.Empty(empty);
    }

    [Fact]
    public void Extraction_FindsTheKindsOfStringsItPromises()
    {
        var used = UsedStrings().Select(u => u.Text).ToHashSet();

        Assert.Contains("ICP No. Application", used);                     // T["…"] in a view
        Assert.Contains("Place on hold", used);                           // a T[cond ? "…" : "…"] branch
        Assert.Contains("Choose an instance.", used);                     // ErrorMessage
        Assert.Contains("Pay-as-you-go", used);                           // Labels
        Assert.Contains("Quota used up ({0}/{1}).", used);                // a rule's failure in Core
        Assert.Contains("The quota of instance {0} is now {1}.", used);   // a notice in Core
        Assert.Contains("Elastic Web Hosting", used);                     // a shipped display name
        Assert.Contains("The hold on instance {0} was released.", used);       // a history sentence
        Assert.Contains("wrong recovery code", used);                     // a history sentence's part
    }

    private static string ResxPath => Path.Combine(Root, "src", "IcpFiling.Web", "Resources", "SharedResource.zh-Hans.resx");

    private static HashSet<string> TranslatedKeys() =>
        [.. XDocument.Load(ResxPath).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    private sealed record Used(string File, string Text);

    private static List<Used> UsedStrings()
    {
        var used = new List<Used>();
        var web = Path.Combine(Root, "src", "IcpFiling.Web");
        foreach (var file in SourceFiles(web, "*.cshtml").Concat(SourceFiles(web, "*.cs")))
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(Root, file);
            used.AddRange(LocalizerArguments(text).Select(s => new Used(name, s)));
            used.AddRange(ErrorMessage().Matches(text).Select(m => new Used(name, Unescape(m.Groups[1].Value))));
            if (Path.GetFileName(file) is "Labels.cs" or "HistoryModels.cs" or "HistoryDescriber.cs")
            {
                used.AddRange(LabelArm().Matches(text).Select(m => Unescape(m.Groups[1].Value))
                    .Where(s => !s.StartsWith("status-tag", StringComparison.Ordinal)).Select(s => new Used(name, s)));
            }

            // History sentences are templates passed to Sentence("…", parts), which localizes them.
            used.AddRange(SentenceTemplate().Matches(text).Select(m => new Used(name, Unescape(m.Groups[1].Value))));
        }

        foreach (var file in SourceFiles(Path.Combine(Root, "src", "IcpFiling.Core"), "*.cs"))
        {
            var name = Path.GetRelativePath(Root, file);
            foreach (var line in File.ReadLines(file).Select(l => l.Trim()))
            {
                if (line.StartsWith("//", StringComparison.Ordinal) || line.Contains("throw ", StringComparison.Ordinal)
                    || line.Contains("Log", StringComparison.Ordinal) || line.Contains("logger", StringComparison.Ordinal)
                    || line.Contains("Exception(", StringComparison.Ordinal))
                {
                    continue;
                }

                used.AddRange(Literal().Matches(line).Select(m => Unescape(m.Groups[1].Value)).Where(IsSentence).Select(s => new Used(name, s)));
            }
        }

        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "appsettings.json")));
        foreach (var type in settings.RootElement.GetProperty("InstanceTypes").GetProperty("Types").EnumerateObject())
        {
            used.Add(new Used("src/IcpFiling.Web/appsettings.json", type.Value.GetProperty("DisplayName").GetString()!));
        }

        return used;
    }

    /// <summary>The string literals of each localizer call's first argument: <c>T["a"]</c>, <c>T[x ? "a" : "b"]</c>.</summary>
    private static IEnumerable<string> LocalizerArguments(string text)
    {
        foreach (Match call in LocalizerCall().Matches(text))
        {
            var start = call.Index + call.Length;
            var depth = 0;
            for (var i = start; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"')
                {
                    var end = EndOfLiteral(text, i);
                    var verbatimOrInterpolated = i > 0 && (text[i - 1] == '$' || text[i - 1] == '@');
                    if (!verbatimOrInterpolated)
                    {
                        yield return Unescape(text[(i + 1)..end]);
                    }

                    i = end;
                }
                else if (c is '[' or '(' or '{')
                {
                    depth++;
                }
                else if (c is ']' or ')' or '}')
                {
                    if (depth-- == 0)
                    {
                        break;
                    }
                }
                else if (c == ',' && depth == 0)
                {
                    break;
                }
            }
        }
    }

    private static int EndOfLiteral(string text, int quote)
    {
        for (var i = quote + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    /// <summary>A sentence of Core: starts with a capital, has a space, ends as a sentence or a placeholder.</summary>
    private static bool IsSentence(string s) =>
        s.Length > 0 && char.IsUpper(s[0]) && s.Contains(' ', StringComparison.Ordinal) && SentenceEnd().IsMatch(s);

    private static string Unescape(string s) => Regex.Unescape(s);

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcpFiling.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No IcpFiling.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?<![\w.])(?:T|_?[lL]ocalizer|t)\[")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex("ErrorMessage\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex("=>\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelArm();

    [GeneratedRegex("(?<![$@])\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex("(?<![\\w.])Sentence\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex SentenceTemplate();

    [GeneratedRegex(@"([.?!:]|\{\d\}\.?)$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
