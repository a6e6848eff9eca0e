using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Admin;

/// <summary>What an import answered: the counts (dry run or applied) or every bad row.</summary>
public sealed record ImportResult(InventoryKind Kind, string FileName, bool Applied, BatchResult? Batch, string? Message, IReadOnlyList<CsvProblem> Problems);

public sealed record InventoryPageModel(ImportResult? Result, int MaxRows);

/// <summary>
/// Inventory import and export for administrators, in the API's shape: a file is read (CsvHelper), then run through
/// the API's own all-or-nothing batch, as a dry run (rolled back) or for real. Export gives the same columns, so
/// export → edit → import works.
/// </summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/inventory")]
public sealed class InventoryAdminController(InventoryCommands inventory, IcpFilingDbContext db, IStringLocalizer<SharedResource> localizer, TimeProvider time, ConsoleTime clock) : Controller
{
    private const string Page = "~/Views/Admin/Inventory.cshtml";

    /// <summary>The name an import posted without a file is carried under (post/redirect/get).</summary>
    private const string ImportFormName = "Admin.Inventory.Import";

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        // Only the messages come back: a file cannot be carried, and the kind and dry-run choice start as they do.
        _ = await this.TakeFormAsync<ImportChoice>(ImportFormName);
        return View(Page, new InventoryPageModel(null, InventoryCommands.MaxImportRows));
    }

    /// <summary>The import form's fields a browser can send again (its file it cannot).</summary>
    private sealed class ImportChoice
    {
        public InventoryKind Kind { get; set; }

        public bool Apply { get; set; }
    }

    [HttpPost("import")]
    public async Task<IActionResult> Import(InventoryKind kind, IFormFile? file, bool apply, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["Choose a CSV file."]);
            return this.RedirectWithForm(ImportFormName, RedirectToAction(nameof(Index)));
        }

        await using var stream = file.OpenReadStream();
        var parsed = await InventoryCsv.ReadAsync(stream, kind, InventoryCommands.MaxImportRows, cancellationToken);
        if (parsed.Problems.Count > 0 || parsed.Items.Count == 0)
        {
            return Result(new ImportResult(kind, file.FileName, false, null, null,
                parsed.Problems.Count > 0 ? parsed.Problems : [new CsvProblem(1, null, localizer["The file has no rows."])]));
        }

        var actor = new Actor(this.AccountId(), Roles.Admin, HttpContext.TraceIdentifier);
        var outcome = await inventory.ApplyAsync(actor, parsed.Items, cancellationToken, InventoryBatchOptions.Import(dryRun: !apply));
        return outcome.Succeeded
            ? Result(new ImportResult(kind, file.FileName, apply, outcome.Value, localizer.Localize(outcome.Message!), []))
            : Result(new ImportResult(kind, file.FileName, false, null, null, [.. InventoryCsv.ToLines(outcome.Problems, parsed.Lines, localizer.Localize)]));
    }

    [HttpGet("export/{kind}")]
    public IActionResult Export(InventoryKind kind)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        var day = clock.Date(time.GetUtcNow().UtcDateTime);
        return kind == InventoryKind.Accounts
            ? new CsvFileResult<ApplicationUser>($"icp-accounts-{day}.csv", InventoryCsv.AccountExport, InventoryCsv.OwnerAccounts(db))
            : new CsvFileResult<Core.Instances.Instance>($"icp-instances-{day}.csv", InventoryCsv.InstanceExport(clock), InventoryCsv.Instances(db));
    }

    private ViewResult Result(ImportResult result) => View(Page, new InventoryPageModel(result, InventoryCommands.MaxImportRows));
}
