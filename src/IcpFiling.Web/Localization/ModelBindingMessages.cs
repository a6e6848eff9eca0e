using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Localization;

/// <summary>
/// The messages model binding writes for values it cannot parse ("abc" for a number, a date that is no date),
/// through the console's localizer like every other message. The localizer is read per call, in the request's culture.
/// </summary>
internal sealed class ModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var t = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => t["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => t["The value '{0}' is not valid.", value]);
        messages.SetUnknownValueIsInvalidAccessor(field => t["The value entered for {0} is not valid.", field]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["The value entered is not valid."]);
        messages.SetValueIsInvalidAccessor(value => t["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(field => t["Enter a number for {0}.", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => t["Enter a number."]);
        messages.SetValueMustNotBeNullAccessor(value => t["Enter a value."]);
        messages.SetMissingBindRequiredValueAccessor(field => t["Enter a value for {0}.", field]);
        messages.SetMissingKeyOrValueAccessor(() => t["Enter a value."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => t["The request has no body."]);
    }
}
