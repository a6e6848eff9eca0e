using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace IcpFiling.Web;

public enum FlashKind
{
    Success,
    Info,
    Error,
}

/// <summary>A one-time message carried across a post/redirect/get, already localized.</summary>
public sealed record Flash(FlashKind Kind, string Message, IReadOnlyList<string> Details);

internal static class FlashExtensions
{
    private const string KindKey = "Flash.Kind";
    private const string MessageKey = "Flash.Message";
    private const string DetailsKey = "Flash.Details";

    public static void PutFlash(this ITempDataDictionary tempData, FlashKind kind, string message, string[]? details = null)
    {
        tempData[KindKey] = kind.ToString();
        tempData[MessageKey] = message;
        tempData[DetailsKey] = details ?? [];
    }

    public static Flash? TakeFlash(this ITempDataDictionary tempData)
    {
        if (tempData[MessageKey] is not string message)
        {
            return null;
        }

        var kind = Enum.TryParse<FlashKind>(tempData[KindKey] as string, out var parsed) ? parsed : FlashKind.Info;
        var details = tempData[DetailsKey] as string[] ?? [];
        return new Flash(kind, message, details);
    }
}
