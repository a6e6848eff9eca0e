using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Api;

/// <summary>
/// What every API request body must be before an action sees it, for every [ApiController] at once. The request types'
/// nullable annotations are the contract: a member or list element declared non-nullable that is null or missing in
/// the JSON is a 400 naming it (<c>lines[0]</c>, <c>items[2].instance.publicIps[0]</c>), like JSON that does not parse
/// or does not fit a field's type. Members the domain judges stay nullable and get the domain's own messages. So
/// code that the compiler checked for nulls can trust the body, and no null ever reaches it as a 500.
/// </summary>
internal static class ApiRequestValidation
{
    public const string NullMessage = "Give a value here: it is missing or null.";
    public const string RootMessage = "Send a JSON object as the request body.";
    public const string NotValidMessage = "The value entered is not valid.";

    public static void Add(MvcOptions options) => options.Filters.Add(new BodyNullabilityFilter());

    /// <summary>
    /// The answer to an invalid model state on the API (ApiBehaviorOptions.InvalidModelStateResponseFactory): the
    /// token API's problem shape (type, localized title, errors by JSON path), whatever found the fault.
    /// </summary>
    public static IActionResult Problem(ActionContext context)
    {
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var bodyNames = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource == BindingSource.Body)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var faults = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .SelectMany(entry => entry.Value!.Errors.Select(error => (Key: JsonPath(entry.Key, bodyNames), error)))
            .ToList();
        // A body that failed to bind is also "required" under the parameter's name; that says nothing the other errors do not.
        if (faults.Any(f => f.Key != "$"))
        {
            faults.RemoveAll(f => f.Key == "$");
        }

        var errors = faults
            .GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(f => g.Key == "$" ? localizer[RootMessage].Value
                        : string.IsNullOrEmpty(f.error.ErrorMessage) || f.error.Exception is not null ? localizer[NotValidMessage].Value
                        : f.error.ErrorMessage)
                    .Distinct(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);
        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ApiProblems.Invalid,
            Title = localizer["The request is not valid."],
        };
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    /// <summary>
    /// A model-state key as a JSON path: <c>$.lines[0].quantity</c> (a JSON error), <c>Lines[0].InstanceId</c>
    /// (validation) and <c>lines[0]</c> (this filter) all become camel-case paths from the body; the body itself is <c>$</c>.
    /// </summary>
    internal static string JsonPath(string key, IReadOnlySet<string> bodyNames)
    {
        if (key.Length == 0 || key == "$" || bodyNames.Contains(key))
        {
            return "$";
        }

        key = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key.TrimStart('$');
        foreach (var name in bodyNames)
        {
            if (key.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase))
            {
                key = key[(name.Length + 1)..];
            }
        }

        return string.Join('.', key.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
    }

    /// <summary>Runs before ASP.NET Core's automatic 400 (order -2000), so what it adds is answered in the same way.</summary>
    private sealed class BodyNullabilityFilter : IAsyncActionFilter, IOrderedFilter
    {
        public int Order => -3000;

        public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
        {
            if (!context.ActionDescriptor.EndpointMetadata.OfType<IApiBehaviorMetadata>().Any())
            {
                return next();
            }

            var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var naming = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>()
                .Value.JsonSerializerOptions.PropertyNamingPolicy;
            foreach (var parameter in context.ActionDescriptor.Parameters.OfType<ControllerParameterDescriptor>()
                .Where(p => p.BindingInfo?.BindingSource == BindingSource.Body))
            {
                // A body that did not parse already has its errors; its half-read value proves nothing.
                if (!context.ModelState.IsValid)
                {
                    break;
                }

                var declared = Nullability.Of(parameter.ParameterInfo);
                context.ActionArguments.TryGetValue(parameter.Name, out var value);
                var nulls = new List<string>();
                Nullability.FindNulls(value, declared, "$", naming, nulls, depth: 0);
                foreach (var path in nulls)
                {
                    context.ModelState.AddModelError(path, localizer[NullMessage]);
                }
            }

            return next();
        }
    }

    /// <summary>The declared nullability of the request types, read once per member.</summary>
    private static class Nullability
    {
        private const int MaxDepth = 16;
        private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, NullabilityInfo Info)[]> Members = new();

        public static NullabilityInfo Of(ParameterInfo parameter) => new NullabilityInfoContext().Create(parameter);

        public static void FindNulls(object? value, NullabilityInfo declared, string path, JsonNamingPolicy? naming, List<string> nulls, int depth)
        {
            if (value is null)
            {
                if (declared.ReadState == NullabilityState.NotNull)
                {
                    nulls.Add(path);
                }

                return;
            }

            if (depth >= MaxDepth || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            {
                return;
            }

            if (value is IEnumerable items)
            {
                var element = declared.ElementType ?? (declared.GenericTypeArguments is [var only] ? only : null);
                if (element is null)
                {
                    return;
                }

                var index = 0;
                foreach (var item in items)
                {
                    FindNulls(item, element, $"{path}[{index++}]", naming, nulls, depth + 1);
                }

                return;
            }

            // Only the console's own request types: their members are what the JSON fills.
            if (value.GetType().Namespace?.StartsWith("IcpFiling.", StringComparison.Ordinal) != true)
            {
                return;
            }

            foreach (var (property, info) in Members.GetOrAdd(value.GetType(), MembersOf))
            {
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? naming?.ConvertName(property.Name) ?? property.Name;
                FindNulls(property.GetValue(value), info, path == "$" ? name : $"{path}.{name}", naming, nulls, depth + 1);
            }
        }

        private static (PropertyInfo, NullabilityInfo)[] MembersOf(Type type)
        {
            var context = new NullabilityInfoContext();
            return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                .Select(p => (p, context.Create(p)))];
        }
    }
}
