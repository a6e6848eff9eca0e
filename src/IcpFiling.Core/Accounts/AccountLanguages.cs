namespace IcpFiling.Core.Accounts;

/// <summary>The languages mail to an account can be written in: the console's own.</summary>
public static class AccountLanguages
{
    public const int MaxLength = 16;
    public const string English = "en";
    public const string Chinese = "zh-Hans";

    public static IReadOnlyList<string> All { get; } = [English, Chinese];
}
