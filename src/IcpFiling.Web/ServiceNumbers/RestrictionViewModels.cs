using System.ComponentModel.DataAnnotations;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>Restrict an unused number to one account; an empty e-mail lifts the restriction.</summary>
public sealed class RestrictForm
{
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256)]
    public string? Email { get; set; }
}

public sealed record RestrictPageModel(IcpFiling.Core.ServiceNumbers.NumberListItem Number, RestrictForm Form);
