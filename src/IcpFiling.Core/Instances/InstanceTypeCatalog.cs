using Microsoft.Extensions.Options;

namespace IcpFiling.Core.Instances;

/// <summary>Reads the current instance type table (changes in configuration apply without a restart).</summary>
public sealed class InstanceTypeCatalog(IOptionsMonitor<InstanceTypeOptions> options)
{
    public InstanceTypePolicy Get(InstanceType type) =>
        options.CurrentValue.Types.TryGetValue(type, out var rule)
            ? rule
            : throw new InvalidOperationException($"Instance type {type} has no rule in configuration section '{InstanceTypeOptions.SectionName}'.");

    public IReadOnlyDictionary<InstanceType, InstanceTypePolicy> All => options.CurrentValue.Types;

    public int MinimumRemainingMonths => options.CurrentValue.MinimumRemainingMonths;
}

/// <summary>Refuses to start with a type table that misses a type or holds nonsense.</summary>
public sealed class InstanceTypeOptionsValidator : IValidateOptions<InstanceTypeOptions>
{
    public ValidateOptionsResult Validate(string? name, InstanceTypeOptions options)
    {
        var failures = new List<string>();
        if (options.MinimumRemainingMonths is < 1 or > 24)
        {
            failures.Add($"{InstanceTypeOptions.SectionName}:MinimumRemainingMonths must be between 1 and 24.");
        }

        foreach (var type in Enum.GetValues<InstanceType>())
        {
            if (!options.Types.TryGetValue(type, out var rule))
            {
                failures.Add($"{InstanceTypeOptions.SectionName}:Types:{type} is missing.");
                continue;
            }

            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
                    rule, new System.ComponentModel.DataAnnotations.ValidationContext(rule), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{InstanceTypeOptions.SectionName}:Types:{type}: {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
