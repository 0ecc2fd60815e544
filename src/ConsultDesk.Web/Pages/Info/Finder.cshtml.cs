using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Info;

/// <summary>
/// A finder (/info/{kind}): a GET form of facet checkboxes with counts, so every narrowing is a shareable, cacheable URL
/// and works without JavaScript. Bad input (an unknown value, a long word, a page out of range) answers 400 with the
/// field errors and the unfiltered finder.
/// </summary>
public sealed class InfoFinderModel(ISender sender) : PageModel
{
    public InfoKind Kind { get; private set; }
    public FindInfoItems.Query Query { get; private set; } = new();
    public FindInfoItems.Response Result { get; private set; } = new([], [], 0, 1, FindInfoItems.PageSize);
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken cancellationToken)
    {
        if (!InfoCodes.TryParseKind(kind, out var parsed)) return NotFound();
        Kind = parsed;
        if (await InfoCache.IsNotModifiedAsync(this, sender, cancellationToken)) return StatusCode(StatusCodes.Status304NotModified);
        try
        {
            Query = FindInfoItems.Parse(parsed, Request.Query, InfoCache.English);
            Result = await sender.Send(Query, cancellationToken);
        }
        catch (ValidationException e)
        {
            InfoCache.Uncached(this);
            Errors = [.. e.Errors.Select(f => f.ErrorMessage).Distinct()];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Query = new FindInfoItems.Query { Kind = parsed, English = InfoCache.English };
            Result = await sender.Send(Query, cancellationToken);
        }
        return Page();
    }

    public string Path => $"/info/{InfoCodes.KindSlug(Kind)}";

    public string PageUrl(int page) => Path + FindInfoItems.QueryString(Query, page);

    public string FeedUrl => $"{Path}/feed.atom{FindInfoItems.QueryString(Query with { Page = 1 })}";
}
