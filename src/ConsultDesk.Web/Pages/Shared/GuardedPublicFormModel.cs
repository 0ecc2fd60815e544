using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Shared;

/// <summary>
/// A public form open to anyone with no token: a honeypot field and a signed minimum fill time keep naive bots out
/// (<see cref="PublicFormGuard"/>). The page renders the two hidden fields with the <c>_PublicFormGuard</c> partial,
/// calls <see cref="IssueClock"/> whenever it shows the form, and <see cref="RefuseBot"/> first thing on a post.
/// </summary>
public abstract class GuardedPublicFormModel(PublicFormGuard guard, ILogger logger) : PublicFormModel
{
    /// <summary>Honeypot: hidden from people, filled in by naive bots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    /// <summary>When the form was shown, signed so it cannot be forged to look slow.</summary>
    [BindProperty]
    public string? IssuedAt { get; set; }

    /// <summary>The form's name in log lines ("Inquiry form").</summary>
    protected abstract string FormName { get; }

    protected void IssueClock() => IssuedAt = guard.Issue();

    protected override void OnRedisplay() => IssueClock();

    /// <summary>
    /// A form shown again without being judged (a look-up, back from the review page): keep the posted stamp so the
    /// time the person has spent still counts, or issue one when it is missing or forged.
    /// </summary>
    protected void KeepClock()
    {
        if (!guard.IsGenuineStamp(IssuedAt)) IssueClock();
    }

    /// <summary>A filled honeypot: the bot sees <paramref name="thanksPage"/> as if it had worked and nothing happens. Null for a person.</summary>
    protected IActionResult? DropHoneypot(string thanksPage)
    {
        if (guard.Check(Website, IssuedAt) != PublicFormGuard.Verdict.Honeypot) return null;
        logger.LogInformation("{Form} submission dropped: honeypot filled", FormName);
        return RedirectToPage(thanksPage);
    }

    /// <summary>
    /// Call once the fields are valid (so a fast typist learns about every field first): a form sent faster than a
    /// person fills it is shown again with that message. Null when it took long enough.
    /// </summary>
    protected IActionResult? RefuseTooFast()
    {
        if (guard.Check(null, IssuedAt) != PublicFormGuard.Verdict.TooFast) return null;
        logger.LogInformation("{Form} submission refused: sent faster than the minimum fill time", FormName);
        return Redisplay(Resources.Texts.FormTooFast);
    }

    /// <summary>
    /// Null for a person; otherwise the answer: a filled honeypot is dropped silently (the bot sees the page
    /// <paramref name="thanksPage"/> as if it had worked), a form sent faster than a person fills it is shown again.
    /// </summary>
    protected IActionResult? RefuseBot(string thanksPage)
    {
        switch (guard.Check(Website, IssuedAt))
        {
            case PublicFormGuard.Verdict.Honeypot:
                logger.LogInformation("{Form} submission dropped: honeypot filled", FormName);
                return RedirectToPage(thanksPage);
            case PublicFormGuard.Verdict.TooFast:
                logger.LogInformation("{Form} submission refused: sent faster than the minimum fill time", FormName);
                return Redisplay(Resources.Texts.FormTooFast);
            default:
                return null;
        }
    }
}
