using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// Refuses request bodies the console cannot read before anything else looks at them: over the size limit (413),
/// or a form that does not parse (too many fields, a value too long, a truncated multipart body: 400).
/// Without this, antiforgery and model binding meet the broken form first and it surfaces as a 500 with an error
/// logged; here it is an ordinary client mistake, logged at Information.
/// </summary>
internal static partial class RequestBodyGuard
{
    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services, SecurityOptions security)
    {
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 1024;
            form.ValueLengthLimit = (int)Math.Min(security.MaxRequestBodyBytes, int.MaxValue);
            form.MultipartBodyLengthLimit = security.MaxRequestBodyBytes;
            form.BufferBodyLengthLimit = security.MaxRequestBodyBytes;
            form.MultipartHeadersLengthLimit = 16 * 1024;
        });
        return services;
    }

    public static IApplicationBuilder UseRequestBodyGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The error page re-executes the same request: its body was already judged.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                await next(context);
                return;
            }

            if (HasControlCharacters(context.Request.Path.Value) || context.Request.Query.Any(p => HasControlCharacters(p.Key) || p.Value.Any(HasControlCharacters)))
            {
                Refuse(context, StatusCodes.Status400BadRequest, "a control character in the path or query string");
                return;
            }

            var security = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
            var request = context.Request;
            // The inventory import is the console's one upload; every other body keeps the small limit.
            var isImport = HttpMethods.IsPost(request.Method) && request.Path.Equals(ImportPath, StringComparison.OrdinalIgnoreCase);
            var maxBytes = isImport ? security.MaxImportBodyBytes : security.MaxRequestBodyBytes;
            if (request.ContentLength > maxBytes)
            {
                Refuse(context, StatusCodes.Status413PayloadTooLarge, "the body is larger than Security:MaxRequestBodyBytes");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = maxBytes;
            }

            if (request.HasFormContentType)
            {
                // Browsers send forms in UTF-8; any other declared charset (utf-7 above all) is not a browser's form.
                var charset = request.GetTypedHeaders().ContentType?.Charset.Value;
                if (charset is not null && !AcceptedCharsets.Contains(charset.Trim('"')))
                {
                    Refuse(context, StatusCodes.Status400BadRequest, $"a form in charset {charset}");
                    return;
                }

                try
                {
                    if (isImport)
                    {
                        context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
                        {
                            ValueCountLimit = 1024,
                            MultipartBodyLengthLimit = maxBytes,
                            MultipartHeadersLengthLimit = 16 * 1024,
                        }));
                    }

                    var form = await request.ReadFormAsync(context.RequestAborted);
                    if (form.Any(field => HasControlCharacters(field.Key) || field.Value.Any(HasControlCharacters)))
                    {
                        Refuse(context, StatusCodes.Status400BadRequest, "a control character in a form field");
                        return;
                    }
                }
                catch (BadHttpRequestException exception)
                {
                    // Kestrel's own limits (a chunked body over the size limit is 413).
                    Refuse(context, exception.StatusCode, exception.Message);
                    return;
                }
                catch (Exception exception) when (exception is InvalidDataException or IOException or InvalidOperationException or FormatException)
                {
                    if (context.RequestAborted.IsCancellationRequested)
                    {
                        return;
                    }

                    Refuse(context, StatusCodes.Status400BadRequest, exception.Message);
                    return;
                }
            }

            await next(context);
        });

    /// <summary>The administrators' inventory import (Admin/InventoryAdminController).</summary>
    private const string ImportPath = "/admin/inventory/import";

    private static readonly HashSet<string> AcceptedCharsets = new(StringComparer.OrdinalIgnoreCase) { "utf-8", "utf8", "us-ascii" };

    /// <summary>No field of the console takes control characters (NUL above all); tabs and line breaks are text.</summary>
    private static bool HasControlCharacters(string? value) =>
        value is not null && value.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));

    private static void Refuse(HttpContext context, int status, string why)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestBodyGuard).FullName!);
        LogRefused(logger, context.Request.Method, context.Request.Path, status, why);
        context.Response.StatusCode = status;
        // A partly read body must not be parsed again by anything downstream (the error page renders on re-execution).
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused the body of {Method} {Path} with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int statusCode, string reason);
}
