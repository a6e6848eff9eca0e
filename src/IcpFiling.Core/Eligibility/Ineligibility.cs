using IcpFiling.Core.Changes;

namespace IcpFiling.Core.Eligibility;

/// <summary>
/// Why an instance cannot get a number. <see cref="Message"/> is the English composite format and
/// the localization key at once; the web layer formats it with <see cref="Arguments"/> through the localizer.
/// </summary>
public sealed record Ineligibility(EligibilityRuleId Rule, string Message, params object[] Arguments)
{
    public string ToEnglish() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, Arguments);

    /// <summary>The refusal as a command reports it, about <paramref name="field"/>, coded by its rule.</summary>
    public Problem ToProblem(string field) => new(field, new Notice(Message, Arguments), Code: Rule.ToString());
}
