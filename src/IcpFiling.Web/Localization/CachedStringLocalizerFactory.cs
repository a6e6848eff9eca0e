using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Localization;

/// <summary>
/// The resource localizers, with each (culture, text) looked up once per process. The resource manager's localizer
/// builds a cache-key string and walks the culture fallback chain on every lookup, and a console page makes a hundred
/// of them: with this, a repeated lookup is one dictionary read and allocates nothing. The resources stay the one
/// source of the translations.
/// </summary>
internal sealed class CachedStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _resources = new(options, loggers);
    private readonly ConcurrentDictionary<(Type, CultureInfo), CachedStringLocalizer> _byResource = new();

    public IStringLocalizer Create(Type resourceSource) => new CultureLocalizer(resourceSource, this);

    // Not cached: only types and their culture-bound localizers are, and code names those.
    public IStringLocalizer Create(string baseName, string location) => _resources.Create(baseName, location);

    private CachedStringLocalizer For(Type resourceSource, CultureInfo culture) =>
        _byResource.GetOrAdd((resourceSource, culture), static (key, resources) => new CachedStringLocalizer(resources.Create(key.Item1), key.Item2), _resources);

    /// <summary>Reads the request's UI culture at lookup time, as the resource localizer does.</summary>
    private sealed class CultureLocalizer(Type resourceSource, CachedStringLocalizerFactory factory) : IStringLocalizer
    {
        public LocalizedString this[string name] => factory.For(resourceSource, CultureInfo.CurrentUICulture)[name];

        public LocalizedString this[string name, params object[] arguments] =>
            factory.For(resourceSource, CultureInfo.CurrentUICulture)[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
            factory.For(resourceSource, CultureInfo.CurrentUICulture).GetAllStrings(includeParentCultures);
    }

    /// <summary>One resource type in one culture.</summary>
    private sealed class CachedStringLocalizer(IStringLocalizer resources, CultureInfo culture)
    {
        // Keys come from code and configuration; the bound only keeps a bug that looks up arbitrary text from growing it.
        private const int MaxEntries = 20_000;
        private readonly ConcurrentDictionary<string, LocalizedString> _strings = new(StringComparer.Ordinal);

        public LocalizedString this[string name]
        {
            get
            {
                ArgumentNullException.ThrowIfNull(name);
                return _strings.TryGetValue(name, out var cached) ? cached : LookUp(name);
            }
        }

        // Apart from the indexer: a lambda's captured name would cost a closure on every call, hits included.
        private LocalizedString LookUp(string name)
        {
            var found = Localized.In(culture, () => resources[name]);
            if (_strings.Count < MaxEntries)
            {
                _strings.TryAdd(name, found);
            }

            return found;
        }

        public LocalizedString this[string name, object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
            Localized.In(culture, () => resources.GetAllStrings(includeParentCultures).ToList());
    }
}
