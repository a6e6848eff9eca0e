using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace IcpFiling.Core.Paging;

/// <summary>
/// Where a newest-first list stopped: the last row's issue time and id. Reading on from it is a range seek on the
/// (account, issued at, id) index, so the thousandth page costs what the first does; an offset would not.
/// </summary>
public sealed record NumberCursor(DateTime IssuedAt, long Id)
{
    /// <summary>Opaque to clients: base64url of "ticks.id".</summary>
    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{IssuedAt.Ticks}.{Id}")));

    /// <summary>Null for no cursor; false for one that is not ours (a client's typo), so it is a 400, never a 500.</summary>
    public static bool TryDecode(string? text, out NumberCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length > 64)
        {
            return false;
        }

        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTime.MaxValue.Ticks
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                cursor = new NumberCursor(new DateTime(ticks, DateTimeKind.Utc), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}

/// <summary>One slice of a keyset-paged list and the cursor of the next (null at the end).</summary>
public sealed record Slice<T>(IReadOnlyList<T> Items, string? NextCursor);
