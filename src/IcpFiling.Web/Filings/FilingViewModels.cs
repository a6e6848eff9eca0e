using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Web.Common;

namespace IcpFiling.Web.Filings;

public enum FilingMethod
{
    /// <summary>Select one of your instances: a number is issued and used in one step.</summary>
    Instance,

    /// <summary>I already have a service number.</summary>
    Number,
}

/// <summary>The New filing form. Domain and subject rules live in FilingService; lengths here only bound the input.</summary>
public sealed class NewFilingForm
{
    [StringLength(InputLimits.DomainMaxLength, ErrorMessage = FilingMessages.DomainTooLong)]
    public string? Domain { get; set; }

    [StringLength(InputLimits.SubjectNameMaxLength, ErrorMessage = FilingMessages.SubjectTooLong)]
    public string? SubjectName { get; set; }

    public FilingMethod Method { get; set; } = FilingMethod.Instance;

    [StringLength(Instance.InstanceIdMaxLength)]
    public string? InstanceId { get; set; }

    [StringLength(InputLimits.ServiceNumberInputMaxLength)]
    public string? ServiceNumber { get; set; }

    [StringLength(InputLimits.IdempotencyKeyMaxLength)]
    public string? IdempotencyKey { get; set; }

    /// <summary>An empty form with a fresh idempotency key; a number given (a link from Granted to me) chooses "I already have a number".</summary>
    public static NewFilingForm Blank(string? number)
    {
        var given = number is { Length: > 0 and <= InputLimits.ServiceNumberInputMaxLength } ? number.Trim() : null;
        return new NewFilingForm
        {
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            Method = given is null ? FilingMethod.Instance : FilingMethod.Number,
            ServiceNumber = given,
        };
    }

    /// <summary>The request the commands judge; only the chosen method's field is sent.</summary>
    public FilingRequest ToRequest(string accountId, string correlationId) => new(accountId, Domain, SubjectName, correlationId)
    {
        ServiceNumber = Method == FilingMethod.Number ? ServiceNumber : null,
        InstanceId = Method == FilingMethod.Instance ? InstanceId : null,
        IdempotencyKey = IdempotencyKey,
    };
}

/// <summary>The new filing form and its instance choice: qualified instances matching the picker's search (a page of them), and some others with their reasons.</summary>
public sealed record NewFilingPageModel(NewFilingForm Form, Paged<InstanceStanding> Qualified, IReadOnlyList<InstanceStanding> Others, string? InstanceSearch);

/// <summary>The GET query of the ICP Filing list: sort and page live in the URL.</summary>
public sealed class FilingListQuery : ListQuery
{
    /// <summary>A filing to highlight (the one just submitted or closed).</summary>
    public long? Highlight { get; set; }

    public ListSort<FilingSort> ToSort() => ListSort<FilingSort>.Parse(Sort, Dir, AccountFilingsQuery.DefaultSort);
}

public sealed record FilingsPageModel(Paged<FilingListItem> Filings, long? Highlight, ListSort<FilingSort> Sort);

/// <summary>The no-JavaScript confirmation of cancelling a filing or removing this provider from it.</summary>
public sealed record CloseFilingPageModel(FilingListItem Filing, FilingStatus To)
{
    public bool Cancelling => To == FilingStatus.Cancelled;
}
