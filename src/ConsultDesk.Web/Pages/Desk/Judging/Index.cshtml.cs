using ConsultDesk.Features.Award;
using Mediator;

namespace ConsultDesk.Web.Pages.Desk.Judging;

/// <summary>A judge's queue: their assignments with title, category, COI status and their own progress.</summary>
public sealed class IndexModel(ISender sender) : DeskPage
{
    public ListJudgingAssignments.Response Result { get; private set; } = new([]);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var error = Error;
        await TryAsync(async () => Result = await sender.Send(new ListJudgingAssignments.Query(), cancellationToken));
        Error ??= error;
    }
}
