using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace IcpFiling.Web;

/// <summary>A CSV column: its header and how a row's value is written.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, string?> Value);

/// <summary>
/// Streams rows as an RFC 4180 CSV download: UTF-8 with a byte-order mark (so Excel reads Chinese text),
/// values that would run as spreadsheet formulas escaped, never cached. Every export of the console goes
/// through here, so each is only its columns and its rows. Instants are written with <see cref="ConsoleTime.Iso"/>: China
/// time with its offset, as the pages show them.
/// </summary>
public sealed class CsvFileResult<T>(
    string fileName, IReadOnlyList<CsvColumn<T>> columns, IAsyncEnumerable<T> rows, Action<int>? written = null) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";

        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            // A value starting with = + - @ would run as a formula in a spreadsheet.
            Injection = CsvInjection.Escape,
        };
        var count = 0;
        await using (var csv = CsvWriter.Create(response.Body, options, leaveOpen: true))
        {
            await csv.WriteRecordAsync([.. columns.Select(c => c.Header)], cancellationToken);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await csv.WriteRecordAsync([.. columns.Select(c => c.Value(row))], cancellationToken);
                count++;
            }
        }

        written?.Invoke(count);
    }
}
