namespace IcpFiling.Core.Paging;

/// <summary>A page request clamped to sane bounds, so no URL can ask for an unbounded page.</summary>
public sealed record PageRequest
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public PageRequest(int? page, int? size = null)
    {
        Page = Math.Clamp(page ?? 1, 1, 1_000_000);
        Size = Math.Clamp(size ?? DefaultSize, 1, MaxSize);
    }

    public int Page { get; }

    public int Size { get; }

    public int Skip => (Page - 1) * Size;

    /// <summary>The same request, moved back to the last page when it points past the end.</summary>
    public PageRequest Within(int total)
    {
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)Size));
        return Page <= lastPage ? this : new PageRequest(lastPage, Size);
    }
}

/// <summary>
/// A page of a list. <see cref="Total"/> is exact when <see cref="TotalIsExact"/>; otherwise the list holds more than
/// <see cref="Total"/> rows (counting further would cost more than the page itself), and <see cref="PageCount"/> is the
/// pages known so far.
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int Size, int Total, bool TotalIsExact = true)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)Size));

    /// <summary>Whether a page follows this one.</summary>
    public bool HasNext => Page < PageCount || !TotalIsExact;
}
