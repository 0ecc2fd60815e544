using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Cases;
using ConsultDesk.Features.Matching;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>One case: the inquiry, its timeline, and a form for every action the signed-in user may take.</summary>
public sealed class CaseModel(ISender sender) : DeskPage
{

    [BindProperty(SupportsGet = true)] public string Reference { get; set; } = "";
    /// <summary>The version the form was rendered from, sent as the expected version (the page's If-Match).</summary>
    [BindProperty] public int? Version { get; set; }

    public GetCase.Model Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ReferenceNumber.IsWellFormed(Reference)) return NotFound();
        try
        {
            Case = await sender.Send(new GetCase.Query(Reference), cancellationToken);
        }
        catch (ConsultDesk.Common.NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostClaimAsync(CancellationToken ct) =>
        Act(() => sender.Send(new ClaimCase.Command(Reference, Version), ct).AsTask(), Texts.CaseSaved, ct);

    public Task<IActionResult> OnPostReleaseAsync(CancellationToken ct) =>
        Act(() => sender.Send(new ReleaseCase.Command(Reference, Version), ct).AsTask(), Texts.CaseSaved, ct);

    public Task<IActionResult> OnPostTransitionAsync(string? to, string? reason, string? comment, CancellationToken ct)
    {
        CaseStatus? status = Wire.TryParse<CaseStatus>(to, out var s) ? s : null;
        CloseReason? why = Wire.TryParse<CloseReason>(reason, out var r) ? r : null;
        return Act(() => sender.Send(new TransitionCase.Command(Reference, status, why, Blank(comment)) { ExpectedVersion = Version }, ct).AsTask(), Texts.CaseSaved, ct);
    }

    public Task<IActionResult> OnPostNoteAsync(string? body, CancellationToken ct) =>
        Act(() => sender.Send(new AddNote.Command(Reference, body) { ExpectedVersion = Version }, ct).AsTask(), Texts.CaseSaved, ct);

    public Task<IActionResult> OnPostReplyAsync(string? subject, string? body, CancellationToken ct) =>
        Act(() => sender.Send(new SendReply.Command(Reference, subject, body)
        {
            ExpectedVersion = Version,
            Attachments = ConsultDesk.Features.Attachments.UploadRequest.Files(Request.HasFormContentType ? Request.Form.Files : null),
        }, ct).AsTask(), Texts.CaseSent, ct);

    public Task<IActionResult> OnPostConsultationAsync(string? channel, string? startsAt, int? durationMinutes, string? attendees,
        string? summary, string? nextSteps, CancellationToken ct)
    {
        DateTimeOffset? start = DateTime.TryParse(startsAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local)
            ? ConsultDesk.Domain.Calendar.JapanTime.FromLocal(local)
            : null;
        var body = new RecordConsultation.Body(Wire.TryParse<ConsultationChannel>(channel, out var c) ? c : null, start, durationMinutes, attendees, summary, nextSteps);
        return Act(() => sender.Send(new RecordConsultation.Command(Reference, body) { ExpectedVersion = Version }, ct).AsTask(), Texts.CaseSaved, ct);
    }

    public Task<IActionResult> OnPostTaskAsync(string? title, string? template, DateOnly? dueOn, CancellationToken ct) =>
        Act(() => sender.Send(new AddTask.Command(Reference, new AddTask.Body(Blank(title), dueOn, null, Blank(template))) { ExpectedVersion = Version }, ct).AsTask(),
            Texts.CaseSaved, ct);

    public Task<IActionResult> OnPostTaskDoneAsync(Guid taskId, bool completed, CancellationToken ct) =>
        Act(() => sender.Send(new UpdateTask.Command(Reference, taskId, new UpdateTask.Body(completed, null)) { ExpectedVersion = Version }, ct).AsTask(),
            Texts.CaseSaved, ct);

    public Task<IActionResult> OnPostNeedsAsync(string? prefectures, string? regions, int? seatsNeeded, int? budgetPerSeatYen, int? requiredBandwidthMbps,
        string? industry, string? companySize, string? timing, string[]? priorities, string? notes, CancellationToken ct)
    {
        var body = new UpdateCompanyNeeds.Body(List(prefectures), List(regions), seatsNeeded, budgetPerSeatYen, requiredBandwidthMbps, Blank(industry),
            Wire.TryParse<CompanySize>(companySize, out var size) ? size : null, Blank(timing), priorities ?? [], Blank(notes));
        return Act(() => sender.Send(new UpdateCompanyNeeds.Command(Reference, body), ct).AsTask(), Texts.CaseSaved, ct);
    }

    public Task<IActionResult> OnPostProposeAsync(string? municipalityCode, string? note, CancellationToken ct) =>
        Act(() => sender.Send(new ProposeMatch.Command(Reference, Blank(municipalityCode)?.Trim(), Blank(note)), ct).AsTask(), Texts.MatchProposed, ct);

    public Task<IActionResult> OnPostConsentRequestAsync(Guid proposalId, string[]? sharedFields, CancellationToken ct) =>
        Act(() => sender.Send(new RequestMatchConsent.Command(Reference, proposalId, sharedFields is { Length: > 0 } ? sharedFields : null), ct).AsTask(),
            Texts.MatchConsentRequestedDone, ct);

    public Task<IActionResult> OnPostIntroductionAsync(Guid proposalId, CancellationToken ct) =>
        Act(() => sender.Send(new SendIntroduction.Command(Reference, proposalId), ct).AsTask(), Texts.MatchIntroducedDone, ct);

    public Task<IActionResult> OnPostMoveMatchAsync(Guid proposalId, string? to, CancellationToken ct) =>
        Act(() => sender.Send(new MoveMatch.Command(Reference, proposalId, Wire.TryParse<ProposalStatus>(to, out var s) ? s : null), ct).AsTask(), Texts.CaseSaved, ct);

    private static List<string> List(string? value) =>
        (value ?? "").Split([',', '、', ' ', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Post/redirect/get on success; on a refusal the page is shown again with the reason.</summary>
    private async Task<IActionResult> Act(Func<Task> action, string done, CancellationToken ct)
    {
        if (await TryAsync(action))
        {
            Flash = done;
            return RedirectToPage(new { reference = Reference });
        }
        var result = await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return result;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static string Jst(DateTime utc) => ConsultDesk.Domain.Calendar.JapanTime.Format(utc);
}
