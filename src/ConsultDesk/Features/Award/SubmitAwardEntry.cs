using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Award;

/// <summary>The declarant submits their saved entry as it stands (every answer and the outcomes needed); mailed at each submission.</summary>
public static class SubmitAwardEntry
{
    public sealed record Command(string? Token, Guid EntryId) : ICommand<AwardEntryModel>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationLinks links, DeclarationMail mails, TimeProvider clock)
        : ICommandHandler<Command, AwardEntryModel>
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
                var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                var answers = entry.ReadAnswers();
                var errors = round.Criteria.OrderBy(c => c.Order).Where(c => string.IsNullOrWhiteSpace(answers.GetValueOrDefault(c.Code)))
                    .Select(c => new ValidationFailure($"Answers.{c.Code}", string.Format(CultureInfo.CurrentCulture, Texts.AwardEntry_AnswerRequired, c.Name(english))))
                    .ToList();
                if (string.IsNullOrWhiteSpace(entry.Outcomes)) errors.Add(new ValidationFailure("Outcomes", Texts.AwardEntry_OutcomesRequired));
                if (errors.Count > 0) throw new ValidationException(errors);
                SaveAwardEntry.Submit(db, mails, declaration, round, entry, now);
                await db.SaveChangesAsync(cancellationToken);
                return await AwardEntryModel.LoadAsync(db, entry, round, now, cancellationToken);
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/public/award/entries/{id:guid}/submit", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(http.Request.Headers[AwardEntrant.TokenHeader].ToString(), id), ct)))
            .AllowAnonymous()
            .WithName(nameof(SubmitAwardEntry)).WithSummary("An entrant submits their award entry").WithTags("Award entries");
}

/// <summary>The declarant withdraws their entry before the deadline; the initiative may then be entered again.</summary>
public static class WithdrawAwardEntry
{
    public sealed record Command(string? Token, Guid EntryId) : ICommand<AwardEntryModel>, IPublicMessage;

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
                entry.Withdraw(now);
                db.AwardEvents.Add(AwardEvent.Create(round.Id, entry.Id, entry.CategoryId, "entry-withdrawn", now, null, new { entry.Title }));
                await db.SaveChangesAsync(cancellationToken);
                return await AwardEntryModel.LoadAsync(db, entry, round, now, cancellationToken);
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/public/award/entries/{id:guid}/withdraw", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(http.Request.Headers[AwardEntrant.TokenHeader].ToString(), id), ct)))
            .AllowAnonymous()
            .WithName(nameof(WithdrawAwardEntry)).WithSummary("An entrant withdraws their award entry").WithTags("Award entries");
}
