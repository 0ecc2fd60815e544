using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>An attachment as its entrant sees it (the real name; judges in blind mode never get this model).</summary>
public sealed record AwardAttachmentModel(Guid Id, int Position, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

/// <summary>An entry as its entrant (the page and the API) sees it.</summary>
public sealed record AwardEntryModel(
    Guid Id, Guid RoundId, int RoundYear, string RoundTitle, AwardEntryStatus Status, AwardEntrantKind EntrantKind,
    string Category, string CategoryName, string? MunicipalityCode, string? PartnerMunicipalityCode, int? PartnerDeclarationNumber,
    string OrganizationName, string Title, DateOnly PeriodStart, DateOnly? PeriodEnd, IReadOnlyDictionary<string, string> Answers, string Outcomes,
    IReadOnlyList<AwardAttachmentModel> Attachments, bool Editable, DateTimeOffset EntryClosesAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt, DateTimeOffset? WithdrawnAt, int Version)
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static AwardEntryModel Of(AwardEntry entry, AwardRound round, IEnumerable<AwardAttachment> attachments, DateTime nowUtc, bool english)
    {
        var category = round.Categories.FirstOrDefault(c => c.Id == entry.CategoryId);
        return new AwardEntryModel(entry.Id, round.Id, round.Year, round.Title, entry.Status, entry.EntrantKind, category?.Code ?? "",
            category?.Name(english) ?? "", entry.EntrantMunicipalityCode, entry.PartnerMunicipalityCode, entry.PartnerDeclarationNumber,
            entry.OrganizationName, entry.Title, entry.PeriodStart, entry.PeriodEnd, entry.ReadAnswers(), entry.Outcomes,
            attachments.OrderBy(a => a.Position).Select(a => new AwardAttachmentModel(a.Id, a.Position, a.FileName, a.ContentType, a.Size, Utc(a.UploadedAt))).ToList(),
            round.IsEntryOpen(nowUtc) && entry.Status != AwardEntryStatus.Withdrawn, Utc(round.EntryClosesAt), Utc(entry.CreatedAt), Utc(entry.UpdatedAt),
            entry.SubmittedAt is { } s ? Utc(s) : null, entry.WithdrawnAt is { } w ? Utc(w) : null, entry.Version);
    }

    public static async Task<AwardEntryModel> LoadAsync(ConsultDeskDbContext db, AwardEntry entry, AwardRound round, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var attachments = await db.AwardAttachments.AsNoTracking().Where(a => a.EntryId == entry.Id).ToListAsync(cancellationToken);
        return Of(entry, round, attachments, nowUtc, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en");
    }
}

/// <summary>The declarant reads one of their entries (the edit page, GET /api/v1/public/award/entries/{id}).</summary>
public static class GetOwnAwardEntry
{
    public sealed record Query(string? Token, Guid EntryId) : IQuery<AwardEntryModel>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, DeclarationLinks links, TimeProvider clock) : IQueryHandler<Query, AwardEntryModel>
    {
        public async ValueTask<AwardEntryModel> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var declaration = await AwardEntrant.DeclarantAsync(links, query.Token, now, cancellationToken);
            var (entry, round) = await AwardEntrant.OwnEntryAsync(db, declaration.Id, query.EntryId, cancellationToken);
            return await AwardEntryModel.LoadAsync(db, entry, round, now, cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/public/award/entries/{id:guid}", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(http.Request.Headers[AwardEntrant.TokenHeader].ToString(), id), ct)))
            .AllowAnonymous()
            .WithName(nameof(GetOwnAwardEntry)).WithSummary("An entrant reads their award entry (X-Declarant-Token header)").WithTags("Award entries");
}
