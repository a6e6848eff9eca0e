using Microsoft.AspNetCore.OpenApi;

namespace IcpFiling.Web.Api;

/// <summary>The API's OpenAPI document (<c>/api/openapi/v1.json</c>).</summary>
internal static class ApiDocument
{
    public const string Name = "v1";
    public const string DocumentPath = "/api/openapi/{documentName}.json";
    public const string ReferencePath = "/api/reference";

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static void Configure(OpenApiOptions options)
    {
        // Only the API: the console's pages are not an API.
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "IcpFiling API";
            document.Info.Description =
                "The provider's systems feed accounts and instances with an API client's key ('Authorization: Bearer icpk_…'); owners and "
                + "resellers use /api/v1/my/ and /api/v1/reseller/ with a personal access token ('Authorization: Bearer icpt_…', made on "
                + "/Account/Tokens). Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        });
    }

    /// <summary>The document; its reference page is <see cref="ApiReferenceController"/> (rendered by our own script, inside the CSP).</summary>
    public static void MapApiDocument(this WebApplication app) => app.MapOpenApi(DocumentPath).AllowAnonymous();
}
