using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Resellers;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Api;

/// <summary>A reseller's API, with a personal access token: their customers and the customers' numbers (the CSV's fields), read only.</summary>
[ApiController]
[Route("api/v1/reseller")]
[IgnoreAntiforgeryToken]
[ServiceFilter<TokenRateLimitFilter>]
[Authorize(Policy = TokenPolicies.CustomersRead)]
public sealed class ResellerApiController(ResellerQuery query, IStringLocalizer<SharedResource> localizer) : ControllerBase
{
    /// <summary>The reseller's customers by e-mail with their counts; pass <c>nextCursor</c> as <c>cursor</c> to read on.</summary>
    [HttpGet("customers")]
    [ProducesResponseType<SliceOf<ResellerCustomer>>(StatusCodes.Status200OK)]
    public async Task<SliceOf<ResellerCustomer>> GetCustomers(string? cursor, int size = PageRequest.DefaultSize, CancellationToken cancellationToken = default)
    {
        var slice = await query.CustomersSliceAsync(this.AccountId(), cursor, size, cancellationToken);
        return new SliceOf<ResellerCustomer>([.. slice.Items.Select(ResellerCustomer.Of)], slice.NextCursor);
    }

    /// <summary>The customers' numbers newest first, optionally of one customer (<c>customerId</c>); cursor paging.</summary>
    [HttpGet("numbers")]
    [ProducesResponseType<SliceOf<ResellerNumber>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetNumbers(
        string? customerId, ServiceNumberStatus? status, InstanceType? type, string? search, string? cursor, int size = PageRequest.DefaultSize,
        CancellationToken cancellationToken = default)
    {
        if (!NumberCursor.TryDecode(cursor, out var after))
        {
            return TokenApi.BadCursor(this, localizer);
        }

        // Another reseller's customer, or no account at all: the same 404, so ids cannot be probed.
        if (customerId is not null && !await query.IsCustomerAsync(this.AccountId(), customerId, cancellationToken))
        {
            return this.TokenApiResult<SliceOf<ResellerNumber>>(Outcome.NotFound, Ok);
        }

        var slice = await query.NumbersSliceAsync(
            this.AccountId(), new ResellerNumberFilter(customerId, status, type, Search: search), after, size, cancellationToken);
        return Ok(new SliceOf<ResellerNumber>([.. slice.Items.Select(ResellerNumber.Of)], slice.NextCursor));
    }

    /// <summary>One customer's numbers (the same as <c>numbers?customerId=</c>); another reseller's customer has none.</summary>
    [HttpGet("customers/{customerId}/numbers")]
    [ProducesResponseType<SliceOf<ResellerNumber>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetCustomerNumbers(
        string customerId, string? cursor, int size = PageRequest.DefaultSize, CancellationToken cancellationToken = default) =>
        GetNumbers(customerId, null, null, null, cursor, size, cancellationToken);
}
