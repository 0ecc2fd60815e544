using System.Globalization;
using ConsultDesk.Features.Declarations;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Web.Pages.Desk.Declarations;

/// <summary>
/// The review queue: the same query as GET /api/v1/declarations, as a GET form that works without JavaScript, with
/// the capped count and keyset pages both ways (as the case queue).
/// </summary>
public sealed class IndexModel(ISender sender) : DeskPage
{
    public ListDeclarations.Query Query { get; private set; } = new();
    public ListDeclarations.Response Result { get; private set; } = new([], null);
    /// <summary>The page's number, carried by the paging links only to show the position.</summary>
    public int PageNo { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNo = int.TryParse(Request.Query["pageNo"], NumberStyles.None, CultureInfo.InvariantCulture, out var pageNo) && pageNo > 0 ? pageNo : 1;
        try
        {
            Query = ListDeclarations.Parse(Request.Query);
        }
        catch (ValidationException ex)
        {
            Error = Texts.FormErrorSummary + " " + string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct());
            return;
        }
        await TryAsync(async () => Result = await sender.Send(Query, cancellationToken));
    }

    public bool HasStatus(string wire) => Query.Statuses.Any(s => ConsultDesk.Domain.Wire.Name(s) == wire);

    public (int First, int Last) Position()
    {
        var first = (PageNo - 1) * Query.Limit + 1;
        return (first, first + Result.Items.Count - 1);
    }

    public string CountText() => Result.TotalCapped
        ? string.Format(Texts.QueueCountCapped, ListDeclarations.CountCap.ToString("N0", CultureInfo.InvariantCulture))
        : string.Format(Texts.QueueCount, Result.Total.ToString("N0", CultureInfo.InvariantCulture));

    public string NextPageUrl() => PageUrl(("cursor", Result.NextCursor), ("pageNo", (PageNo + 1).ToString(CultureInfo.InvariantCulture)));

    public string PreviousPageUrl() => PageNo <= 2 ? PageUrl()
        : PageUrl(("before", Result.PreviousCursor), ("pageNo", (PageNo - 1).ToString(CultureInfo.InvariantCulture)));

    private string PageUrl(params (string Key, string? Value)[] extra)
    {
        var parameters = ListDeclarations.FilterParameters(Query);
        parameters.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        return "/desk/declarations" + QueryString.Create(parameters);
    }
}
