using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Files;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The declarant attaches files to their entry while the window is open: PDF, PNG or JPEG found in the content (a
/// renamed zip or program is refused), at most <see cref="AwardEntry.MaxAttachmentBytes"/> each (never more is read),
/// at most <see cref="AwardEntry.MaxAttachments"/> per entry (409 beyond), scanned when a virus scanner is configured
/// (refused while it cannot answer). All files of one request are accepted or none.
/// </summary>
public static class AddAwardAttachments
{
    public const string Field = "Attachments";

    /// <summary>The most a request may carry: five files at the limit plus the form's text fields.</summary>
    public const long MaxRequestBytes = AwardEntry.MaxAttachments * AwardEntry.MaxAttachmentBytes + UploadRequest.FormAllowance;

    public static readonly IReadOnlyList<FileType> Accepted = [FileTypes.Pdf, FileTypes.Png, FileTypes.Jpeg];

    public sealed record Command(string? Token, Guid EntryId, IReadOnlyList<IncomingFile> Files) : ICommand<AwardEntryModel>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationLinks links, AttachmentStore store, IVirusScanner scanner, TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, AwardEntryModel>
    {
        public async ValueTask<AwardEntryModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // The cheap checks first, so nothing is read for an entry that cannot take it.
            var declaration = await AwardEntrant.DeclarantAsync(links, command.Token, now, cancellationToken);
            var (_, round) = await AwardEntrant.OwnEntryAsync(db, declaration.Id, command.EntryId, cancellationToken);
            AwardEntrant.RequireEntryOpen(round, now);
            if (command.Files.Count == 0) throw new ValidationException([new ValidationFailure(Field, Texts.AwardEntry_AttachmentNone)]);
            var already = await db.AwardAttachments.CountAsync(a => a.EntryId == command.EntryId, cancellationToken);
            if (already + command.Files.Count > AwardEntry.MaxAttachments) throw new AwardRuleException(AwardRule.TooManyAttachments);

            var staged = new List<(StagedFile File, string Name, FileType Type)>();
            try
            {
                foreach (var file in command.Files) staged.Add(await ReadAsync(file, cancellationToken));
                using (await gate.EnterAsync(cancellationToken))
                {
                    // Again under the gate: the window may have closed and other uploads landed while the files were read.
                    now = clock.GetUtcNow().UtcDateTime;
                    var (entry, _) = await AwardEntrant.OwnEntryAsync(db, declaration.Id, command.EntryId, cancellationToken);
                    AwardEntrant.RequireEntryOpen(round, now);
                    if (entry.Status == AwardEntryStatus.Withdrawn) throw new AwardRuleException(AwardRule.EntryNotEditable);
                    var positions = await db.AwardAttachments.Where(a => a.EntryId == entry.Id).Select(a => a.Position).ToListAsync(cancellationToken);
                    if (positions.Count + staged.Count > AwardEntry.MaxAttachments) throw new AwardRuleException(AwardRule.TooManyAttachments);
                    var next = positions.Count == 0 ? 1 : positions.Max() + 1;
                    foreach (var (file, name, type) in staged)
                    {
                        store.Commit(file);
                        var row = AwardAttachment.Create(entry.Id, next++, name, type.ContentType, file.Size, file.Sha256, now);
                        db.AwardAttachments.Add(row);
                        db.AwardEvents.Add(AwardEvent.Create(round.Id, entry.Id, entry.CategoryId, "attachment-added", now, null,
                            new { attachmentId = row.Id, row.Position, row.FileName, row.ContentType, row.Size }));
                    }
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                    }
                    catch (DbUpdateException ex) when (AwardEntrant.IsUniqueViolation(ex))
                    {
                        // Another upload to the same entry took the same position at the same moment.
                        throw new AwardRuleException(AwardRule.TooManyAttachments);
                    }
                    logger.LogInformation("{Count} attachment(s) added to award entry {EntryId}", staged.Count, entry.Id);
                    return await AwardEntryModel.LoadAsync(db, entry, round, now, cancellationToken);
                }
            }
            finally
            {
                foreach (var (file, _, _) in staged) file.Dispose();
            }
        }

        private async Task<(StagedFile, string, FileType)> ReadAsync(IncomingFile file, CancellationToken cancellationToken)
        {
            var shown = AttachmentIntake.ShownName(file.FileName);
            StagedFile staged;
            await using (var source = file.Open())
                staged = await store.StageAsync(source, AwardEntry.MaxAttachmentBytes, cancellationToken);
            if (staged.TooLarge)
                throw Refuse(string.Format(CultureInfo.CurrentCulture, Texts.AttachmentTooLarge, shown, AttachmentIntake.Bytes(AwardEntry.MaxAttachmentBytes)));
            var keep = false;
            try
            {
                if (staged.Size == 0) throw Refuse(string.Format(CultureInfo.CurrentCulture, Texts.AttachmentEmpty, shown));
                FileType? type;
                await using (var content = staged.OpenRead())
                    type = FileTypes.Sniff(content);
                if (type is null || !Accepted.Contains(type)) throw Refuse(string.Format(CultureInfo.CurrentCulture, Texts.AwardEntry_AttachmentType, shown));
                if (scanner.IsConfigured)
                {
                    ScanResult result;
                    await using (var content = staged.OpenRead())
                        result = await scanner.ScanAsync(content, cancellationToken);
                    if (result.Verdict == ScanVerdict.Infected)
                    {
                        logger.LogWarning("An award attachment was refused: the virus scanner found {Signature}", result.Signature);
                        throw Refuse(string.Format(CultureInfo.CurrentCulture, Texts.AttachmentInfected, shown));
                    }
                    if (result.Verdict == ScanVerdict.Unavailable)
                    {
                        logger.LogWarning("An award attachment was refused: the virus scanner is unavailable");
                        throw Refuse(Texts.AttachmentScanUnavailable);
                    }
                }
                keep = true;
                return (staged, FileTypes.CleanFileName(file.FileName, type), type);
            }
            finally
            {
                if (!keep) staged.Dispose();
            }
        }

        private static ValidationException Refuse(string message) => new([new ValidationFailure(Field, message)]);
    }

    /// <summary>Lets an upload request carry five files at the limit (the server's default body limit is smaller).</summary>
    public static void AllowUploadSize(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxRequestBytes;
    }

    /// <summary>Reads a multipart upload within <see cref="MaxRequestBytes"/>; a larger body is a 413 problem.</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var tooLarge = new RequestRejectedException(StatusCodes.Status413PayloadTooLarge,
            string.Format(CultureInfo.CurrentCulture, Texts.AttachmentMessageTooLarge, AttachmentIntake.Bytes(MaxRequestBytes)));
        if (!UploadRequest.IsMultipart(http.Request)) throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, Texts.ProblemBadRequest);
        if (http.Request.ContentLength > MaxRequestBytes) throw tooLarge;
        AllowUploadSize(http);
        try
        {
            return await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes, ValueCountLimit = 100 }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw tooLarge;
        }
        catch (InvalidDataException)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemBadRequest);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/public/award/entries/{id:guid}/attachments", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var form = await ReadFormAsync(http, ct);
                var files = form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).Select(f => new IncomingFile(f.FileName, f.OpenReadStream)).ToList();
                var entry = await sender.Send(new Command(http.Request.Headers[AwardEntrant.TokenHeader].ToString(), id, files), ct);
                return TypedResults.Ok(entry);
            })
            .AllowAnonymous().DisableAntiforgery()
            .WithName(nameof(AddAwardAttachments)).WithSummary("An entrant attaches files (multipart, any field name) to their award entry").WithTags("Award entries");
}

/// <summary>The declarant removes one attachment of their entry while the window is open.</summary>
public static class RemoveAwardAttachment
{
    public sealed record Command(string? Token, Guid EntryId, Guid AttachmentId) : ICommand<AwardEntryModel>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationLinks links, TimeProvider clock) : ICommandHandler<Command, AwardEntryModel>
    {
        public async ValueTask<AwardEntryModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            using (await gate.EnterAsync(cancellationToken))
            {
                var declaration = await AwardEntrant.DeclarantAsync(links, command.Token, now, cancellationToken);
                var (entry, round) = await AwardEntrant.OwnEntryAsync(db, declaration.Id, command.EntryId, cancellationToken);
                AwardEntrant.RequireEntryOpen(round, now);
                if (entry.Status == AwardEntryStatus.Withdrawn) throw new AwardRuleException(AwardRule.EntryNotEditable);
                var attachment = await db.AwardAttachments.SingleOrDefaultAsync(a => a.Id == command.AttachmentId && a.EntryId == entry.Id, cancellationToken)
                    ?? throw new NotFoundException("Award attachment");
                db.AwardAttachments.Remove(attachment);
                db.AwardEvents.Add(AwardEvent.Create(round.Id, entry.Id, entry.CategoryId, "attachment-removed", now, null,
                    new { attachmentId = attachment.Id, attachment.Position, attachment.FileName }));
                await db.SaveChangesAsync(cancellationToken);
                // The stored content stays: another row may name the same SHA-256, and the timeline keeps what was removed.
                return await AwardEntryModel.LoadAsync(db, entry, round, now, cancellationToken);
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapDelete("/public/award/entries/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, HttpContext http, ISender sender,
                CancellationToken ct) => TypedResults.Ok(await sender.Send(new Command(http.Request.Headers[AwardEntrant.TokenHeader].ToString(), id, attachmentId), ct)))
            .AllowAnonymous()
            .WithName(nameof(RemoveAwardAttachment)).WithSummary("An entrant removes an attachment of their award entry").WithTags("Award entries");
}
