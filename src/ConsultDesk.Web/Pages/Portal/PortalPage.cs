using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Features.Portal;
using ConsultDesk.Resources;
using ConsultDesk.Web.Pages.Shared;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Portal;

/// <summary>
/// A page opened by a portal token. Any token that opens no case gets a bare 404 (the status-code page renders it,
/// the same for every reason, and <see cref="Hosting.PortalGuard"/> counts it against the address).
/// </summary>
public abstract class PortalPage(ISender sender) : PublicFormModel
{
    /// <summary>From the route only: a form field must not be able to swap the token the URL carries.</summary>
    public string Token => RouteData.Values["token"] as string ?? "";

    public GetPortalCase.Model Case { get; private set; } = null!;

    public string CasePath => $"/portal/{Uri.EscapeDataString(Token)}";
    public string SurveyPath => $"{CasePath}/survey";

    protected ISender Sender => sender;

    /// <summary>Reads the case for the page; false when the token opens none.</summary>
    protected async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Case = await sender.Send(new GetPortalCase.Query(Token), cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a portal use case: null when it succeeded; otherwise what to answer, a 404 for a bad token or the page
    /// again (422) with the refusal beside its field.
    /// </summary>
    protected async Task<IActionResult?> TryAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        string message;
        try
        {
            await action();
            return null;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException ex)
        {
            AddFieldErrors(ex);
            message = Texts.FormErrorSummary;
        }
        catch (ConflictException ex)
        {
            message = ex.Message;
        }
        if (!await LoadAsync(cancellationToken)) return NotFound();
        return Redisplay(message, StatusCodes.Status422UnprocessableEntity);
    }

    public static bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Jst(DateTime utc) => ConsultDesk.Mail.InquirerMail.JapanTime(utc, English);

    /// <summary>The case's status in the inquirer's words: they need to know whose move it is, not the desk's workflow.</summary>
    public static string StatusText(CaseStatus status) => status switch
    {
        CaseStatus.New or CaseStatus.Triaged => Texts.PortalStatusReceived,
        CaseStatus.InConsultation or CaseStatus.InSupport or CaseStatus.Matching => Texts.PortalStatusInProgress,
        CaseStatus.WaitingOnInquirer => Texts.PortalStatusWaiting,
        CaseStatus.Resolved => Texts.PortalStatusResolved,
        _ => Texts.PortalStatusClosed,
    };
}
