using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// What the entrant's slices share: the declarant behind a link (an accepted declaration that is still listed), their
/// own entry and its round, and the window rule (every write refused outside the entry window, on server time).
/// </summary>
public static class AwardEntrant
{
    public const string TokenHeader = "X-Declarant-Token";

    /// <summary>The declarant of a link: not found for a bad or expired link (like /sengen/manage/{token}), a 409 when not (or no longer) accepted and listed.</summary>
    public static async Task<Declaration> DeclarantAsync(DeclarationLinks links, string? token, DateTime nowUtc, CancellationToken cancellationToken, bool track = false)
    {
        var declaration = await links.FindAsync(token, nowUtc, cancellationToken, track) ?? throw new NotFoundException("Declaration link");
        if (!declaration.Listed || declaration.Number is null) throw new AwardRuleException(AwardRule.DeclarationNotAccepted);
        return declaration;
    }

    /// <summary>The declarant's own entry (tracked) and its round with categories and criteria; another declarant's entry is not found.</summary>
    public static async Task<(AwardEntry Entry, AwardRound Round)> OwnEntryAsync(ConsultDeskDbContext db, Guid declarationId, Guid entryId,
        CancellationToken cancellationToken)
    {
        var entry = await db.AwardEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.DeclarationId == declarationId, cancellationToken)
            ?? throw new NotFoundException("Award entry");
        var round = await RoundAsync(db, entry.RoundId, cancellationToken) ?? throw new NotFoundException("Award round");
        return (entry, round);
    }

    public static Task<AwardRound?> RoundAsync(ConsultDeskDbContext db, Guid roundId, CancellationToken cancellationToken) =>
        db.AwardRounds.AsNoTracking().Include(r => r.Categories).Include(r => r.Criteria).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);

    /// <summary>Every change of an entry (content, submission, withdrawal, attachments) happens only while the window is open.</summary>
    public static void RequireEntryOpen(AwardRound round, DateTime nowUtc)
    {
        if (!round.IsEntryOpen(nowUtc)) throw new AwardRuleException(AwardRule.EntryWindowClosed);
    }

    /// <summary>True when a save failed on the unique index of (RoundId, InitiativeKey): another request entered the initiative first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 }) return true;
            if (current is Npgsql.PostgresException { SqlState: "23505" }) return true;
        }
        return false;
    }

    /// <summary>The mail to the entrant's contact (through the outbox, with a fresh link), about one entry.</summary>
    public static OutboxMail Mail(DeclarationMail mails, Declaration declaration, AwardRound round, AwardEntry entry, string kind, DateTime nowUtc, bool? submitted = null)
    {
        var english = declaration.Language == InquiryLanguage.En;
        var category = round.Categories.FirstOrDefault(c => c.Id == entry.CategoryId);
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["round_title"] = round.Title,
            ["round_year"] = round.Year,
            ["category_name"] = category?.Name(english) ?? "",
            ["entry_title"] = entry.Title,
            ["entry_id"] = entry.Id.ToString(),
            ["entry_closes_at"] = InquirerMail.JapanTime(round.EntryClosesAt, english),
            ["submitted"] = submitted ?? entry.Status == AwardEntryStatus.Submitted,
        };
        return mails.Create(declaration, kind, nowUtc, extra);
    }
}
