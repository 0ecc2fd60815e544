using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.CannedReplies;
using ConsultDesk.Features.Cases;
using ConsultDesk.Features.Info;
using ConsultDesk.Features.Matching;
using ConsultDesk.Features.Municipalities;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>One case: the inquiry, its timeline, and a form for every action the signed-in user may take.</summary>
public sealed class CaseModel(ISender sender, Microsoft.Extensions.Options.IOptions<ConsultDesk.Common.ConsultDeskOptions> options) : DeskPage
{

    [BindProperty(SupportsGet = true)] public string Reference { get; set; } = "";
    /// <summary>The version the form was rendered from, sent as the expected version (the page's If-Match).</summary>
    [BindProperty] public int? Version { get; set; }

    public GetCase.Model Case { get; private set; } = null!;

    /// <summary>The composer's subject and text as last typed (kept across a preview, a canned insert or a refusal).</summary>
    public string? ReplySubject { get; private set; }
    public string? ReplyBody { get; private set; }
    public PreviewReply.Model? Preview { get; private set; }
    public IReadOnlyList<ListCannedReplies.Item> CannedReplies { get; private set; } = [];
    public Guid? CannedId { get; private set; }
    /// <summary>For managers and admins: whom the case can be handed to (empty for consultants).</summary>
    public IReadOnlyList<ListAssignees.Item> Assignees { get; private set; } = [];

    /// <summary>The municipality search step (without JavaScript): the text and what it found.</summary>
    public string? MunicipalitySearch { get; private set; }
    public string? ProposeNote { get; private set; }
    public IReadOnlyList<SearchMunicipalities.Item>? MunicipalityHits { get; private set; }

    /// <summary>The portal's published policies and guidelines matching the case's topics and inquirer party.</summary>
    public IReadOnlyList<FindMatchingPolicies.Match> RelatedPolicies { get; private set; } = [];

    /// <summary>The composer's portal search (GET ?infoq=): the word and what it found (null: no search yet).</summary>
    public string? InfoQuery { get; private set; }
    public IReadOnlyList<SearchInfoForDesk.Hit>? InfoHits { get; private set; }
    public string? InfoSearchError { get; private set; }

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
        RelatedPolicies = await sender.Send(new FindMatchingPolicies.Query(
            [.. Case.Topics.Where(Topic.IsKnown).Take(FindMatchingPolicies.MaxTopics)], PartyOf(Case.InquirerType), 5), cancellationToken);
        if (HttpMethods.IsGet(Request.Method)) await PortalSearchAsync(cancellationToken);
        CannedReplies = await sender.Send(new ListCannedReplies.Query(), cancellationToken);
        if (User.IsInRole(ConsultDesk.Domain.Users.Roles.Manager) || User.IsInRole(ConsultDesk.Domain.Users.Roles.Admin))
            Assignees = await sender.Send(new ListAssignees.Query(), cancellationToken);
        ReplySubject ??= DefaultSubject(Case.Subject);
        return Page();
    }

    private static string? PartyOf(InquirerType type) => type == InquirerType.Other ? null : Wire.Name(type);

    /// <summary>
    /// The portal search without JavaScript: GET ?infoq=word lists the hits; ?insert={id} (a hit of that search) also
    /// puts "title\nURL" after the draft carried in ?draft= into the reply box.
    /// </summary>
    private async Task PortalSearchAsync(CancellationToken cancellationToken)
    {
        var q = Request.Query["infoq"].ToString().Trim();
        if (q.Length == 0) return;
        InfoQuery = q;
        try
        {
            InfoHits = await sender.Send(new SearchInfoForDesk.Query(q), cancellationToken);
        }
        catch (FluentValidation.ValidationException ex)
        {
            InfoSearchError = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct());
            InfoHits = [];
            return;
        }
        if (Guid.TryParse(Request.Query["insert"].ToString(), out var insert) && InfoHits.FirstOrDefault(h => h.Id == insert) is { } hit)
        {
            var draft = Request.Query["draft"].ToString();
            var text = InsertText(hit.Title, hit.Path);
            ReplyBody = string.IsNullOrWhiteSpace(draft) ? text : draft.TrimEnd() + "\n\n" + text;
            InfoInserted = true;
        }
        else if (Request.Query["draft"].ToString() is { Length: > 0 } kept) ReplyBody = kept;
    }

    /// <summary>True after a no-script insert (the page says so next to the composer).</summary>
    public bool InfoInserted { get; private set; }

    /// <summary>What 挿入 puts into the reply: the title and the item's absolute URL on the next line.</summary>
    public string InsertText(string title, string path) => title + "\n" + AbsoluteUrl(path);

    public string AbsoluteUrl(string path) => options.Value.PublicBaseUrl.TrimEnd('/') + path;

    /// <summary>The composer's script searches the portal in place (the draft and chosen files stay as they are).</summary>
    public async Task<IActionResult> OnGetInfoSearchAsync(string? infoq, CancellationToken ct)
    {
        if (!ReferenceNumber.IsWellFormed(Reference)) return NotFound();
        try
        {
            var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
            var hits = await sender.Send(new SearchInfoForDesk.Query(infoq?.Trim()), ct);
            return new JsonResult(new
            {
                items = hits.Select(h => new
                {
                    id = h.Id, title = h.Title, url = AbsoluteUrl(h.Path), kind = Wire.Name(h.Kind), kindLabel = KindLabel(h.Kind),
                    source = h.Source(english), insert = InsertText(h.Title, h.Path),
                }),
            });
        }
        catch (FluentValidation.ValidationException ex)
        {
            return new JsonResult(new { items = Array.Empty<object>(), error = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct()) })
            { StatusCode = StatusCodes.Status400BadRequest };
        }
    }

    public static string KindLabel(ConsultDesk.Domain.Info.InfoKind kind) => kind switch
    {
        ConsultDesk.Domain.Info.InfoKind.Policy => Texts.InfoDesk_KindPolicy,
        ConsultDesk.Domain.Info.InfoKind.Guideline => Texts.InfoDesk_KindGuideline,
        _ => Texts.InfoDesk_KindCaseStudy,
    };

    /// <summary>
    /// 「Re: 件名」. The reply template adds the desk's name and the reference (「【…】Re: 件名（受付番号）」), which is what
    /// threads an answer back to the case, so the reference is not typed into the subject a second time.
    /// </summary>
    public static string DefaultSubject(string subject)
    {
        var trimmed = subject.Trim();
        var re = trimmed.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("RE：", StringComparison.OrdinalIgnoreCase) ? trimmed : "Re: " + trimmed;
        return re.Length <= 200 ? re : re[..200];
    }

    public Task<IActionResult> OnPostClaimAsync(CancellationToken ct) =>
        Act(() => sender.Send(new ClaimCase.Command(Reference, Version), ct).AsTask(), Texts.CaseSaved, ct);

    public Task<IActionResult> OnPostAssignAsync(Guid? userId, CancellationToken ct) =>
        Act(() => sender.Send(new AssignCase.Command(Reference, userId) { ExpectedVersion = Version }, ct).AsTask(), Texts.CaseSaved, ct);

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

    public async Task<IActionResult> OnPostReplyAsync(string? subject, string? body, CancellationToken ct)
    {
        var result = await Act(() => sender.Send(new SendReply.Command(Reference, subject, body)
        {
            ExpectedVersion = Version,
            Attachments = ConsultDesk.Features.Attachments.UploadRequest.Files(Request.HasFormContentType ? Request.Form.Files : null),
        }, ct).AsTask(), Texts.CaseSent, ct);
        // A refused reply comes back with what was typed, not an empty composer.
        if (result is PageResult) (ReplySubject, ReplyBody) = (subject, body);
        return result;
    }

    /// <summary>Without JavaScript: the composer again, with the whole mail as it will be sent below it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string? subject, string? body, CancellationToken ct)
    {
        var page = await OnGetAsync(ct);
        if (page is not PageResult) return page;
        (ReplySubject, ReplyBody) = (subject, body);
        Preview = await sender.Send(new PreviewReply.Query(Reference, subject, body), ct);
        return page;
    }

    /// <summary>The live preview the composer's script shows as the consultant types.</summary>
    public async Task<IActionResult> OnPostPreviewJsonAsync(string? subject, string? body, CancellationToken ct)
    {
        if (!ReferenceNumber.IsWellFormed(Reference)) return NotFound();
        try
        {
            return new JsonResult(await sender.Send(new PreviewReply.Query(Reference, subject, body), ct));
        }
        catch (ConsultDesk.Common.NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>The composer's script inserts a canned reply in place, so files already chosen in the form stay chosen.</summary>
    public async Task<IActionResult> OnPostCannedJsonAsync(Guid? cannedId, CancellationToken ct)
    {
        if (!ReferenceNumber.IsWellFormed(Reference) || cannedId is not { } id) return NotFound();
        try
        {
            return new JsonResult(new { text = await sender.Send(new ExpandCannedReply.Query(Reference, id), ct) });
        }
        catch (ConsultDesk.Common.NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Inserts a canned reply (its variables filled in) at the end of the text typed so far; works without JavaScript.</summary>
    public async Task<IActionResult> OnPostCannedAsync(string? subject, string? body, Guid? cannedId, CancellationToken ct)
    {
        var page = await OnGetAsync(ct);
        if (page is not PageResult) return page;
        (ReplySubject, ReplyBody, CannedId) = (subject, body, cannedId);
        if (cannedId is { } id)
        {
            try
            {
                var text = await sender.Send(new ExpandCannedReply.Query(Reference, id), ct);
                ReplyBody = string.IsNullOrWhiteSpace(body) ? text : body.TrimEnd() + "\n\n" + text;
            }
            catch (ConsultDesk.Common.NotFoundException)
            {
                Error = Texts.CannedNotFound;
            }
        }
        return page;
    }

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

    public Task<IActionResult> OnPostNeedsAsync(string[]? prefectures, string[]? regions, int? seatsNeeded, int? budgetPerSeatYen, int? requiredBandwidthMbps,
        string? industry, string? companySize, string? timing, string[]? priorities, string? notes, CancellationToken ct)
    {
        var body = new UpdateCompanyNeeds.Body(List(prefectures), List(regions), seatsNeeded, budgetPerSeatYen, requiredBandwidthMbps, Blank(industry),
            Wire.TryParse<CompanySize>(companySize, out var size) ? size : null, Blank(timing), priorities ?? [], Blank(notes));
        return Act(() => sender.Send(new UpdateCompanyNeeds.Command(Reference, body), ct).AsTask(), Texts.CaseSaved, ct);
    }

    public async Task<IActionResult> OnPostProposeAsync(string? municipalityCode, string? municipalitySearch, string? note, CancellationToken ct)
    {
        var result = await Act(() => sender.Send(new ProposeMatch.Command(Reference, Blank(municipalityCode)?.Trim(), Blank(note)), ct).AsTask(), Texts.MatchProposed, ct);
        if (result is PageResult)
        {
            (MunicipalitySearch, ProposeNote) = (municipalitySearch, note);
            if (string.IsNullOrWhiteSpace(municipalityCode)) Error = Texts.MatchMunicipalityPickRequired;
            if (!string.IsNullOrWhiteSpace(municipalitySearch)) MunicipalityHits = await sender.Send(new SearchMunicipalities.Query(municipalitySearch), ct);
        }
        return result;
    }

    /// <summary>The search step without JavaScript: the municipalities whose name or reading starts with the text, to pick one.</summary>
    public async Task<IActionResult> OnPostSearchMunicipalityAsync(string? municipalitySearch, string? note, CancellationToken ct)
    {
        var page = await OnGetAsync(ct);
        if (page is not PageResult) return page;
        (MunicipalitySearch, ProposeNote) = (municipalitySearch, note);
        MunicipalityHits = await sender.Send(new SearchMunicipalities.Query(municipalitySearch), ct);
        return page;
    }

    public Task<IActionResult> OnPostConsentRequestAsync(Guid proposalId, string[]? sharedFields, CancellationToken ct) =>
        Act(() => sender.Send(new RequestMatchConsent.Command(Reference, proposalId, sharedFields is { Length: > 0 } ? sharedFields : null), ct).AsTask(),
            Texts.MatchConsentRequestedDone, ct);

    public Task<IActionResult> OnPostIntroductionAsync(Guid proposalId, CancellationToken ct) =>
        Act(() => sender.Send(new SendIntroduction.Command(Reference, proposalId), ct).AsTask(), Texts.MatchIntroducedDone, ct);

    public Task<IActionResult> OnPostMoveMatchAsync(Guid proposalId, string? to, CancellationToken ct) =>
        Act(() => sender.Send(new MoveMatch.Command(Reference, proposalId, Wire.TryParse<ProposalStatus>(to, out var s) ? s : null), ct).AsTask(), Texts.CaseSaved, ct);

    private static List<string> List(string[]? values) =>
        (values ?? []).SelectMany(v => (v ?? "").Split([',', '、', ' ', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();

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
