using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Api;

/// <summary>
/// The inventory API for the provider's systems: write accounts and instances (one, or a batch of up to
/// 1,000 applied all or nothing), read an instance as the console sees it, and follow the changes.
/// </summary>
[ApiController]
[Route("api/v1")]
[IgnoreAntiforgeryToken]
public sealed class InventoryApiController(InventoryCommands inventory, InventoryQuery query, RegionCatalog regions) : ControllerBase
{
    /// <summary>Creates or updates an owner account by the provider's account id.</summary>
    [HttpPut("accounts/{accountId}")]
    [Authorize(Policy = ApiPolicies.InventoryWrite)]
    [ProducesResponseType<ItemResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ItemResult>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> PutAccount(string accountId, AccountRecord account, CancellationToken cancellationToken) =>
        this.ApiResult(await inventory.ApplyAsync(Caller, [new(Account: account with { AccountId = accountId })], cancellationToken), One, SingleItem);

    /// <summary>Creates or updates an instance by its instance id.</summary>
    [HttpPut("instances/{instanceId}")]
    [Authorize(Policy = ApiPolicies.InventoryWrite)]
    [ProducesResponseType<ItemResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ItemResult>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> PutInstance(string instanceId, InstanceRecord instance, CancellationToken cancellationToken) =>
        this.ApiResult(await inventory.ApplyAsync(Caller, [new(Instance: instance with { InstanceId = instanceId })], cancellationToken), One, SingleItem);

    /// <summary>Applies up to 1,000 accounts and instances all or nothing; a refusal names each bad item by index and field.</summary>
    [HttpPost("batches")]
    [Authorize(Policy = ApiPolicies.InventoryWrite)]
    [ProducesResponseType<BatchResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> PostBatch(InventoryBatchBody batch, CancellationToken cancellationToken) =>
        this.ApiResult(await inventory.ApplyAsync(Caller, batch.Items ?? [], cancellationToken), Ok);

    /// <summary>An instance as the console sees it, with its eligibility verdict and quota usage.</summary>
    [HttpGet("instances/{instanceId}")]
    [Authorize(Policy = ApiPolicies.InventoryRead)]
    [ProducesResponseType<InstanceView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetInstance(string instanceId, CancellationToken cancellationToken) =>
        await query.InstanceAsync(instanceId, cancellationToken) is { } standing
            ? Ok(InstanceView.Of(standing, regions))
            : Problem(statusCode: StatusCodes.Status404NotFound, title: "No such instance.");

    /// <summary>What changed after a cursor (0 from the start), oldest first; pass nextCursor to read on.</summary>
    [HttpGet("changes")]
    [Authorize(Policy = ApiPolicies.InventoryRead)]
    [ProducesResponseType<InventoryChanges>(StatusCodes.Status200OK)]
    public async Task<InventoryChanges> GetChanges(long cursor = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        await query.ChangesAsync(Math.Max(0, cursor), limit, cancellationToken);

    /// <summary>Single-record endpoints name a bad field without the batch's "items[0]." prefix.</summary>
    private const string SingleItem = "Items[0].";

    private Actor Caller => Actor.ApiClient(int.Parse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value,
        System.Globalization.CultureInfo.InvariantCulture), HttpContext.TraceIdentifier);

    private IActionResult One(BatchResult batch) =>
        StatusCode(batch.Items[0].Change == ItemChange.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, batch.Items[0]);
}
