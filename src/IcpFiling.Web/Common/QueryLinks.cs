using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace IcpFiling.Web;

/// <summary>
/// Links to the page being shown with some query values changed: another page, another sort, another page size.
/// Built from the request itself rather than through route values, because <c>page</c> is the route value Razor
/// Pages are addressed by: a controller link given <c>page = 2</c> matches no endpoint and renders without href.
/// </summary>
public static class QueryLinks
{
    /// <summary>This request's path and query with <paramref name="changes"/> applied (a null value removes the key).</summary>
    public static string With(this HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var kept = new Dictionary<string, StringValues>(query, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (string.IsNullOrEmpty(value))
            {
                kept.Remove(key);
            }
            else
            {
                kept[key] = value;
            }
        }

        var builder = new QueryBuilder();
        foreach (var (key, values) in kept)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    builder.Add(key, value);
                }
            }
        }

        return request.PathBase + request.Path + builder.ToQueryString();
    }

    /// <summary>Links to other pages of this list, keeping its filters, sort and page size.</summary>
    public static Func<int, string?> Pages(this HttpRequest request) =>
        page => request.With(("page", page <= 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
