using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Domain.Award;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using ConsultDesk.Web.Pages.Inquiries;
using ConsultDesk.Web.Pages.Shared;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Sengen.Award;

/// <summary>What the entry form posts; dates and the declaration number as typed, so a bad one is a field error, not a binding failure.</summary>
public sealed class AwardEntryForm
{
    public string? EntrantKind { get; set; }
    public string? Category { get; set; }
    public string? PartnerMunicipalityCode { get; set; }
    public string? MunicipalityCode { get; set; }
    public string? PartnerDeclarationNumber { get; set; }
    public string? Title { get; set; }
    public string? PeriodStart { get; set; }
    public string? PeriodEnd { get; set; }
    public Dictionary<string, string?> Answers { get; set; } = new(StringComparer.Ordinal);
    public string? Outcomes { get; set; }

    public static AwardEntryForm From(AwardEntryModel entry) => new()
    {
        EntrantKind = ConsultDesk.Domain.Wire.Name(entry.EntrantKind),
        Category = entry.Category,
        PartnerMunicipalityCode = entry.PartnerMunicipalityCode,
        MunicipalityCode = entry.MunicipalityCode,
        PartnerDeclarationNumber = entry.PartnerDeclarationNumber?.ToString(CultureInfo.InvariantCulture),
        Title = entry.Title,
        PeriodStart = entry.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodEnd = entry.PeriodEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Answers = entry.Answers.ToDictionary(a => a.Key, a => (string?)a.Value, StringComparer.Ordinal),
        Outcomes = entry.Outcomes,
    };

    public SaveAwardEntry.Command ToCommand(string token, Guid? entryId, Guid roundId, bool submit, IDictionary<string, string> errors)
    {
        DateOnly? Date(string? value, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            errors.TryAdd(field, string.Format(CultureInfo.CurrentCulture, Texts.Required, label));
            return null;
        }
        int? number = null;
        if (!string.IsNullOrWhiteSpace(PartnerDeclarationNumber))
        {
            if (int.TryParse(PartnerDeclarationNumber.Trim().TrimStart('第').TrimEnd('号'), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) number = n;
            else errors.TryAdd("PartnerDeclarationNumber", string.Format(CultureInfo.CurrentCulture, Texts.AwardEntry_PartnerDeclarationUnknown, PartnerDeclarationNumber.Trim()));
        }
        var organization = EntrantKind == "organization";
        return new SaveAwardEntry.Command(token, entryId, roundId, submit, EntrantKind, Category,
            organization ? PartnerMunicipalityCode : null, organization ? null : MunicipalityCode, organization ? null : number,
            Title, Date(PeriodStart, "PeriodStart", Texts.AwardEntry_PeriodStart), Date(PeriodEnd, "PeriodEnd", Texts.AwardEntry_PeriodEnd), Answers, Outcomes);
    }
}

/// <summary>
/// The entry page: a new entry (/sengen/manage/{token}/award/new?round={roundId}) or an existing one
/// (/sengen/manage/{token}/award/{entryId}). 下書き保存, 提出 (a submitted entry saved again stays submitted), 取り下げ with
/// a confirmation step, and attachments. Outside the entry window everything is shown read-only and every POST is refused
/// with the rule's message. The request limit lets an upload carry five files at the limit plus the fields.
/// </summary>
[RequestSizeLimit(AddAwardAttachments.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = AddAwardAttachments.MaxRequestBytes)]
public sealed class EntryModel(ISender sender, LocalGovernmentLookup municipalities) : PublicFormModel
{
    public string Token => RouteData.Values["token"] as string ?? "";

    public string ManagePath => $"/sengen/manage/{Uri.EscapeDataString(Token)}";

    /// <summary>"new" or the entry's id.</summary>
    public string EntryParameter => RouteData.Values["entry"] as string ?? "";

    public Guid? EntryId => Guid.TryParse(EntryParameter, out var id) ? id : null;

    [FromQuery(Name = "round")]
    public Guid? RoundId { get; set; }

    public GetAwardEntryForm.Model? View { get; private set; }

    public LocalGovernmentLookup Municipalities => municipalities;

    [BindProperty]
    public AwardEntryForm Form { get; set; } = new();

    public bool ConfirmingWithdrawal { get; private set; }

    public string? Flash { get; private set; }

    public bool Editable => View is { Eligible: true, Open: true } && View.Entry?.Status != AwardEntryStatus.Withdrawn;

    public string FormAction(string handler) =>
        EntryId is { } id ? $"{ManagePath}/award/{id}?handler={handler}" : $"{ManagePath}/award/new?round={View?.Round.Id}&handler={handler}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Invalid();
        Flash = TempData["AwardFlash"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => SaveAsync(submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) => SaveAsync(submit: true, cancellationToken);

    public async Task<IActionResult> OnPostWithdrawAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Invalid();
        if (EntryId is not { } id) return Invalid();
        if (!confirm)
        {
            if (!Editable) return Redisplay(AwardRules.Message(View!.Open ? AwardRule.EntryNotEditable : AwardRule.EntryWindowClosed), StatusCodes.Status409Conflict);
            ConfirmingWithdrawal = true;
            return Page();
        }
        return await RunAsync(() => sender.Send(new WithdrawAwardEntry.Command(Token, id), cancellationToken).AsTask(), Texts.AwardEntry_WithdrawnFlash, cancellationToken);
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (EntryId is not { } id) return Invalid();
        var files = UploadRequest.Files(Request.HasFormContentType ? Request.Form.Files : null);
        return await RunAsync(() => sender.Send(new AddAwardAttachments.Command(Token, id, files), cancellationToken).AsTask(), Texts.AwardEntry_AttachmentAdded,
            cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        if (EntryId is not { } id) return Invalid();
        return await RunAsync(() => sender.Send(new RemoveAwardAttachment.Command(Token, id, attachmentId), cancellationToken).AsTask(),
            Texts.AwardEntry_AttachmentRemoved, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(bool submit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken, keepForm: true)) return Invalid();
        var command = Form.ToCommand(Token, EntryId, View!.Round.Id, submit, FieldErrors);
        if (FieldErrors.Count > 0) return Redisplay(statusCode: StatusCodes.Status422UnprocessableEntity);
        var wasSubmitted = View.Entry?.Status == AwardEntryStatus.Submitted;
        try
        {
            var entry = await sender.Send(command, cancellationToken);
            TempData["AwardFlash"] = submit ? Texts.AwardEntry_SubmittedFlash : wasSubmitted ? Texts.AwardEntry_SavedSubmitted : Texts.AwardEntry_Saved;
            return Redirect($"{ManagePath}/award/{entry.Id}");
        }
        catch (ValidationException ex)
        {
            AddFieldErrors(ex, FieldId);
            return Redisplay(statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (AwardRuleException ex)
        {
            return Redisplay(AwardRules.Message(ex.Rule), StatusCodes.Status409Conflict);
        }
        catch (NotFoundException)
        {
            return Invalid();
        }
    }

    /// <summary>An action on the saved entry: back to the entry (or the list after a withdrawal) with <paramref name="done"/>, or the page with why not.</summary>
    private async Task<IActionResult> RunAsync(Func<Task> action, string done, CancellationToken cancellationToken)
    {
        try
        {
            await action();
            TempData["AwardFlash"] = done;
            return Redirect(done == Texts.AwardEntry_WithdrawnFlash ? $"{ManagePath}/award" : $"{ManagePath}/award/{EntryId}");
        }
        catch (NotFoundException)
        {
            View = null;
            return Invalid();
        }
        catch (AwardRuleException ex)
        {
            if (!await LoadAsync(cancellationToken)) return Invalid();
            return Redisplay(AwardRules.Message(ex.Rule), StatusCodes.Status409Conflict);
        }
        catch (ValidationException ex)
        {
            if (!await LoadAsync(cancellationToken)) return Invalid();
            AddFieldErrors(ex, FieldId);
            return Redisplay(statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (RequestRejectedException ex)
        {
            if (!await LoadAsync(cancellationToken)) return Invalid();
            FieldErrors.TryAdd(AddAwardAttachments.Field, ex.Message);
            return Redisplay(statusCode: ex.StatusCode);
        }
    }

    /// <summary>Answers.impact → Answers-impact (the field's id suffix).</summary>
    public static string FieldId(string propertyName) => propertyName.Replace('.', '-');

    private async Task<bool> LoadAsync(CancellationToken cancellationToken, bool keepForm = false)
    {
        try
        {
            View = await sender.Send(new GetAwardEntryForm.Query(Token, EntryId, EntryId is null ? RoundId : null), cancellationToken);
        }
        catch (NotFoundException)
        {
            View = null;
        }
        if (View is null || (EntryId is null && EntryParameter != "new")) return false;
        if (!keepForm)
        {
            Form = View.Entry is { } entry
                ? AwardEntryForm.From(entry)
                : new AwardEntryForm
                {
                    EntrantKind = "organization",
                    PartnerMunicipalityCode = View.DeclarationMunicipalityCode,
                    MunicipalityCode = View.DeclarationMunicipalityCode,
                };
        }
        return true;
    }

    private PageResult Invalid()
    {
        View = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public static string StatusWords(AwardEntryStatus status) =>
        Texts.ResourceManager.GetString("AwardEntry_Status_" + ConsultDesk.Domain.Wire.Name(status), CultureInfo.CurrentUICulture) ?? ConsultDesk.Domain.Wire.Name(status);
}
