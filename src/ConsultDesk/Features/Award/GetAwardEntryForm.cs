using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// What the entry page (/sengen/manage/{token}/award/new?round= and /award/{entryId}) needs: the declarant (for the
/// prefill and whether they may enter), the round with its categories and criteria, the entry when there is one, and
/// whether the window is open now. Null for a link that opens nothing; not found for another's entry or an unknown round.
/// </summary>
public static class GetAwardEntryForm
{
    public sealed record Query(string? Token, Guid? EntryId, Guid? RoundId) : IQuery<Model?>, IPublicMessage;

    public sealed record Model(Declaration Declaration, bool Eligible, AwardRound Round, AwardEntryModel? Entry, bool Open, string? DeclarationMunicipalityCode);

    public sealed class Handler(ConsultDeskDbContext db, DeclarationLinks links, TimeProvider clock) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await links.FindAsync(query.Token, now, cancellationToken) is not { } declaration) return null;
            AwardEntryModel? entry = null;
            AwardRound round;
            if (query.EntryId is { } entryId)
            {
                var (row, entryRound) = await AwardEntrant.OwnEntryAsync(db, declaration.Id, entryId, cancellationToken);
                round = entryRound;
                entry = await AwardEntryModel.LoadAsync(db, row, round, now, cancellationToken);
            }
            else
            {
                round = (query.RoundId is { } roundId ? await AwardEntrant.RoundAsync(db, roundId, cancellationToken) : null) ?? throw new NotFoundException("Award round");
            }
            var code = declaration.PublicLocalGovernmentCode ?? (await db.DeclarationVersions.AsNoTracking()
                .SingleAsync(v => v.DeclarationId == declaration.Id && v.Number == declaration.CurrentVersionNumber, cancellationToken)).ReadContent().LocalGovernmentCode;
            return new Model(declaration, declaration.Listed && declaration.Number is not null, round, entry, round.IsEntryOpen(now), code);
        }
    }
}
