using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace IcpFiling.Core.Instances;

/// <summary>One of the provider's regions, as the region catalogue in configuration lists it.</summary>
public sealed class Region
{
    [Required, StringLength(100)]
    public string English { get; set; } = "";

    [Required, StringLength(100)]
    public string Chinese { get; set; } = "";

    /// <summary>Mainland China: websites hosted here need an ICP filing (Hong Kong, Macao, Taiwan and overseas do not).</summary>
    public bool Mainland { get; set; }
}

/// <summary>The region catalogue (section <c>Regions</c>), keyed by region id such as <c>cn-hangzhou</c>.</summary>
public sealed class RegionOptions
{
    public const string SectionName = "Regions";

    public Dictionary<string, Region> Catalog { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Reads the region catalogue in force; "in mainland China" is derived from the region id, never stored.</summary>
public sealed class RegionCatalog(IOptionsMonitor<RegionOptions> options)
{
    public const int RegionIdMaxLength = 64;

    public Region? Find(string? regionId) =>
        regionId is not null && options.CurrentValue.Catalog.TryGetValue(regionId, out var region) ? region : null;

    public IReadOnlyDictionary<string, Region> All => options.CurrentValue.Catalog;
}

/// <summary>Refuses to start with an empty catalogue, a malformed region id, or a region without names.</summary>
public sealed class RegionOptionsValidator : IValidateOptions<RegionOptions>
{
    public ValidateOptionsResult Validate(string? name, RegionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Catalog.Count == 0)
        {
            failures.Add($"{RegionOptions.SectionName}:Catalog lists no region.");
        }

        foreach (var (id, region) in options.Catalog)
        {
            if (id.Length is 0 or > RegionCatalog.RegionIdMaxLength || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                failures.Add($"{RegionOptions.SectionName}:Catalog:{id}: a region id is lower-case letters, digits and '-'.");
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(region, new ValidationContext(region), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{RegionOptions.SectionName}:Catalog:{id}: {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
