using ConsultDesk.Domain.Award;
using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Web.Pages.Desk.Award;

/// <summary>What the award's desk pages share: a refused rule as the page's message, and the HTTP status that goes with a refusal.</summary>
public abstract class AwardDeskPage : DeskPage
{
    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public bool IsAdmin => User.IsInRole(ConsultDesk.Domain.Users.Roles.Admin);

    public static string Jst(DateTimeOffset? at) => at is { } value ? ConsultDesk.Domain.Calendar.JapanTime.Format(value.UtcDateTime) : "—";

    /// <summary><see cref="DeskPage.TryAsync"/> that also shows a broken award rule (locked round…) as the page's message.</summary>
    protected async Task<bool> TryAwardAsync(Func<Task> action)
    {
        try
        {
            var ok = await TryAsync(action);
            if (!ok) Response.StatusCode = FieldErrors.Count > 0 ? StatusCodes.Status400BadRequest
                : Error == Texts.CaseStale ? StatusCodes.Status412PreconditionFailed
                : Error == Texts.ProblemForbidden ? StatusCodes.Status403Forbidden
                : StatusCodes.Status409Conflict;
            return ok;
        }
        catch (AwardRuleException ex)
        {
            Error = AwardRules.Message(ex.Rule);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return false;
        }
    }
}
