using ConsultDesk.Features.Portal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Portal;

/// <summary>The one-page satisfaction survey, reached from the survey mail or the portal once the case is resolved.</summary>
public sealed class PortalSurveyModel(ISender sender) : PortalPage(sender)
{
    public bool Answered { get; private set; }
    public int? Rating { get; private set; }
    public bool? ProblemSolved { get; private set; }
    public string? Comment { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool? answered, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        Answered = answered == true && Case.Survey is not null;
        Rating = Case.Survey?.Rating;
        ProblemSolved = Case.Survey?.ProblemSolved;
        Comment = Case.Survey?.Comment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? rating, bool? problemSolved, string? comment, CancellationToken cancellationToken)
    {
        (Rating, ProblemSolved, Comment) = (rating, problemSolved, comment);
        return await TryAsync(() => Sender.Send(new AnswerSurvey.Command(Token, rating, problemSolved, comment), cancellationToken).AsTask(), cancellationToken)
            ?? Redirect($"{SurveyPath}?answered=true");
    }
}
