using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The declarant creates an entry (<see cref="Command.EntryId"/> null, in <see cref="Command.RoundId"/>) or saves their
/// entry, as a draft or submitting it (<see cref="Command.Submit"/>). Only while the round's entry window is open; a
/// submitted entry saved again stays submitted. The same initiative twice in a round is a 409, whichever side entered
/// first. Drafts may leave the answers and outcomes empty; submitting needs them all.
/// </summary>
public static class SaveAwardEntry
{
    public sealed record Command(
        string? Token, Guid? EntryId, Guid? RoundId, bool Submit,
        string? EntrantKind, string? Category, string? PartnerMunicipalityCode, string? MunicipalityCode, int? PartnerDeclarationNumber,
        string? Title, DateOnly? PeriodStart, DateOnly? PeriodEnd, IReadOnlyDictionary<string, string?>? Answers, string? Outcomes)
        : ICommand<AwardEntryModel>, IPublicMessage
    {
        public AwardEntrantKind? Kind => Wire.TryParse<AwardEntrantKind>(EntrantKind, out var kind) ? kind : null;
    }

    /// <summary>The API body (POST creates with <see cref="RoundId"/>; PUT saves the entry of the URL).</summary>
    public sealed record Body(
        Guid? RoundId, bool Submit, string? EntrantKind, string? Category, string? PartnerMunicipalityCode, string? MunicipalityCode,
        int? PartnerDeclarationNumber, string? Title, DateOnly? PeriodStart, DateOnly? PeriodEnd, Dictionary<string, string?>? Answers, string? Outcomes)
    {
        public Command ToCommand(string? token, Guid? entryId) => new(token, entryId, RoundId, Submit, EntrantKind, Category, PartnerMunicipalityCode,
            MunicipalityCode, PartnerDeclarationNumber, Title, PeriodStart, PeriodEnd, Answers, Outcomes);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(LocalGovernmentDirectory municipalities, TimeProvider clock)
        {
            RuleFor(c => c.EntrantKind).Must((c, _) => c.Kind is not null).WithMessage(_ => Texts.AwardEntry_KindInvalid);
            RuleFor(c => c.Category).NotEmpty().WithMessage(_ => Texts.AwardEntry_CategoryInvalid);
            RuleFor(c => c.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => string.Format(CultureInfo.CurrentCulture, Texts.Required, Texts.AwardEntry_Title))
                .Must(t => t is null || JapaneseText.TextLength(t.Trim()) <= AwardEntry.MaxTitleLength)
                .WithMessage(_ => string.Format(CultureInfo.CurrentCulture, Texts.TooLong, Texts.AwardEntry_Title, AwardEntry.MaxTitleLength))
                .Must(JapaneseText.IsSingleLine).WithMessage(_ => string.Format(CultureInfo.CurrentCulture, Texts.ControlCharacters, Texts.AwardEntry_Title));
            RuleFor(c => c.PeriodStart).NotNull().WithMessage(_ => string.Format(CultureInfo.CurrentCulture, Texts.Required, Texts.AwardEntry_PeriodStart))
                .Must(start => start is null || start <= JapanTime.Today(clock)).WithMessage(_ => Texts.AwardEntry_PeriodNotStarted);
            RuleFor(c => c.PeriodEnd).Must((c, end) => end is null || c.PeriodStart is null || end >= c.PeriodStart)
                .WithMessage(_ => Texts.AwardEntry_PeriodEndBeforeStart);
            RuleFor(c => c.Outcomes).Must(o => o is null || JapaneseText.TextLength(o.Trim()) <= AwardEntry.MaxOutcomesLength)
                .WithMessage(_ => string.Format(CultureInfo.CurrentCulture, Texts.TooLong, Texts.AwardEntry_Outcomes, AwardEntry.MaxOutcomesLength))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(CultureInfo.CurrentCulture, Texts.ControlCharacters, Texts.AwardEntry_Outcomes));
            RuleFor(c => c.Answers).Custom((answers, context) =>
            {
                foreach (var (code, answer) in answers ?? new Dictionary<string, string?>())
                {
                    if (answer is null) continue;
                    if (JapaneseText.TextLength(answer.Trim()) > AwardEntry.MaxAnswerLength)
                        context.AddFailure($"Answers.{code}", string.Format(CultureInfo.CurrentCulture, Texts.TooLong, code, AwardEntry.MaxAnswerLength));
                    else if (!JapaneseText.IsCleanMultiline(answer))
                        context.AddFailure($"Answers.{code}", string.Format(CultureInfo.CurrentCulture, Texts.ControlCharacters, code));
                }
            });
            When(c => c.Kind == AwardEntrantKind.Organization, () =>
                RuleFor(c => c.PartnerMunicipalityCode).Must(code => IsMunicipality(municipalities, clock, code))
                    .WithMessage(c => Unknown(c.PartnerMunicipalityCode, Texts.AwardEntry_PartnerMunicipality)));
            When(c => c.Kind == AwardEntrantKind.Municipality, () =>
                RuleFor(c => c.MunicipalityCode).Must(code => IsMunicipality(municipalities, clock, code))
                    .WithMessage(c => Unknown(c.MunicipalityCode, Texts.AwardEntry_OwnMunicipality)));
        }

        private static string Unknown(string? code, string label) => string.IsNullOrWhiteSpace(code)
            ? string.Format(CultureInfo.CurrentCulture, Texts.Required, label)
            : string.Format(CultureInfo.CurrentCulture, Texts.AwardEntry_MunicipalityUnknown, code.Trim());
    }

    /// <summary>A current entry of the code master (a prefecture or municipality; a designated city's ward is not an entrant).</summary>
    public static bool IsMunicipality(LocalGovernmentDirectory municipalities, TimeProvider clock, string? code) =>
        code is not null && municipalities.Find(code.Trim()) is { } entry && entry.Kind != "ward" && entry.IsCurrentOn(JapanTime.Today(clock));

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationLinks links, DeclarationMail mails, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, AwardEntryModel>
    {
        public async ValueTask<AwardEntryModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            using (await gate.EnterAsync(cancellationToken))
            {
                var declaration = await AwardEntrant.DeclarantAsync(links, command.Token, now, cancellationToken);
                AwardEntry? entry = null;
                AwardRound round;
                if (command.EntryId is { } entryId)
                    (entry, round) = await AwardEntrant.OwnEntryAsync(db, declaration.Id, entryId, cancellationToken);
                else
                    round = (command.RoundId is { } roundId ? await AwardEntrant.RoundAsync(db, roundId, cancellationToken) : null)
                        ?? throw new ValidationException([new ValidationFailure(nameof(Command.RoundId), Texts.AwardEntry_RoundNotOpen)]);
                AwardEntrant.RequireEntryOpen(round, now);
                if (entry?.Status == AwardEntryStatus.Withdrawn) throw new AwardRuleException(AwardRule.EntryNotEditable);

                var (content, initiative) = await ResolveAsync(command, declaration, round, cancellationToken);
                if (await db.AwardEntries.AnyAsync(e => e.RoundId == round.Id && e.InitiativeKey == initiative.Key && e.Id != (entry == null ? Guid.Empty : entry.Id),
                        cancellationToken))
                    throw new AwardRuleException(AwardRule.InitiativeAlreadyEntered);

                if (entry is null)
                {
                    entry = AwardEntry.Create(round.Id, declaration.Id, content, initiative, now);
                    db.AwardEntries.Add(entry);
                    db.AwardEvents.Add(AwardEvent.Create(round.Id, entry.Id, entry.CategoryId, "entry-created", now, null, new { entry.Title }));
                }
                else
                {
                    entry.Change(content, initiative, now);
                    db.AwardEvents.Add(AwardEvent.Create(round.Id, entry.Id, entry.CategoryId, "entry-saved", now, null, new { entry.Title, status = Wire.Name(entry.Status) }));
                }
                if (command.Submit) Submit(db, mails, declaration, round, entry, now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException ex) when (AwardEntrant.IsUniqueViolation(ex))
                {
                    // Another request entered the same initiative between the check and the save.
                    throw new AwardRuleException(AwardRule.InitiativeAlreadyEntered);
                }
                logger.LogInformation("Award entry {EntryId} of round {RoundId} saved ({Status})", entry.Id, round.Id, Wire.Name(entry.Status));
                return await AwardEntryModel.LoadAsync(db, entry, round, now, cancellationToken);
            }
        }

        /// <summary>The checks that need the round and the database: category, partner, answers complete on submit.</summary>
        private async Task<(AwardEntryContent, AwardInitiative)> ResolveAsync(Command command, Declaration declaration, AwardRound round, CancellationToken cancellationToken)
        {
            var errors = new List<ValidationFailure>();
            var kind = command.Kind!.Value;
            var category = round.Categories.FirstOrDefault(c => string.Equals(c.Code, command.Category?.Trim(), StringComparison.Ordinal));
            if (category is null) errors.Add(new ValidationFailure(nameof(Command.Category), Texts.AwardEntry_CategoryInvalid));
            else if (category.ForPartnerMunicipality && kind != AwardEntrantKind.Municipality)
                errors.Add(new ValidationFailure(nameof(Command.Category), Texts.AwardEntry_PartnerAwardMunicipalityOnly));

            AwardInitiative? initiative = null;
            if (kind == AwardEntrantKind.Organization)
                initiative = AwardInitiative.ForOrganization(declaration.Id, command.PartnerMunicipalityCode!.Trim());
            else if (category?.ForPartnerMunicipality == true)
                initiative = AwardInitiative.ForPartnerAward(command.MunicipalityCode!.Trim());
            else if (command.PartnerDeclarationNumber is not { } number)
                errors.Add(new ValidationFailure(nameof(Command.PartnerDeclarationNumber), string.Format(CultureInfo.CurrentCulture, Texts.Required, Texts.AwardEntry_PartnerDeclaration)));
            else
            {
                var partner = await db.Declarations.AsNoTracking().Where(d => d.Number == number && d.Listed).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(cancellationToken);
                if (partner is null)
                    errors.Add(new ValidationFailure(nameof(Command.PartnerDeclarationNumber), string.Format(CultureInfo.CurrentCulture, Texts.AwardEntry_PartnerDeclarationUnknown, number)));
                else if (partner == declaration.Id)
                    errors.Add(new ValidationFailure(nameof(Command.PartnerDeclarationNumber), Texts.AwardEntry_PartnerDeclarationSelf));
                else
                    initiative = AwardInitiative.ForMunicipality(command.MunicipalityCode!.Trim(), partner.Value, number);
            }

            var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (code, answer) in command.Answers ?? new Dictionary<string, string?>())
            {
                if (round.Criteria.All(c => c.Code != code)) errors.Add(new ValidationFailure($"Answers.{code}", Texts.AwardEntry_AnswerUnknown));
                else if (!string.IsNullOrWhiteSpace(answer)) answers[code] = answer.Trim();
            }
            if (command.Submit)
            {
                foreach (var criterion in round.Criteria.OrderBy(c => c.Order).Where(c => !answers.ContainsKey(c.Code)))
                    errors.Add(new ValidationFailure($"Answers.{criterion.Code}", string.Format(CultureInfo.CurrentCulture, Texts.AwardEntry_AnswerRequired, criterion.Name(english))));
                if (string.IsNullOrWhiteSpace(command.Outcomes)) errors.Add(new ValidationFailure(nameof(Command.Outcomes), Texts.AwardEntry_OutcomesRequired));
            }
            if (errors.Count > 0) throw new ValidationException(errors);

            var content = new AwardEntryContent
            {
                CategoryId = category!.Id,
                OrganizationName = declaration.PublicName ?? declaration.OrganizationName,
                Title = command.Title!.Trim(),
                PeriodStart = command.PeriodStart!.Value,
                PeriodEnd = command.PeriodEnd,
                Answers = answers,
                Outcomes = command.Outcomes?.Trim() ?? "",
            };
            return (content, initiative!);
        }
    }

    /// <summary>Submits (again) and queues the submission mail in the same transaction.</summary>
    internal static void Submit(ConsultDeskDbContext db, DeclarationMail mails, Declaration declaration, AwardRound round, AwardEntry entry, DateTime nowUtc)
    {
        entry.Submit(nowUtc);
        db.AwardEvents.Add(AwardEvent.Create(round.Id, entry.Id, entry.CategoryId, "entry-submitted", nowUtc, null, new { entry.Title }));
        db.Outbox.Add(AwardEntrant.Mail(mails, declaration, round, entry, SubmittedKind, nowUtc, submitted: true));
    }

    public const string SubmittedKind = "award-entry-submitted";

    public static void MapEndpoint(IEndpointRouteBuilder api)
    {
        api.MapPost("/public/award/entries", async (Body body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var entry = await sender.Send(body.ToCommand(http.Request.Headers[AwardEntrant.TokenHeader].ToString(), null), ct);
                return TypedResults.Created($"/api/v1/public/award/entries/{entry.Id}", entry);
            })
            .AllowAnonymous()
            .WithName("CreateAwardEntry").WithSummary("An entrant creates an award entry (X-Declarant-Token header)").WithTags("Award entries");
        api.MapPut("/public/award/entries/{id:guid}", async (Guid id, Body body, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body.ToCommand(http.Request.Headers[AwardEntrant.TokenHeader].ToString(), id), ct)))
            .AllowAnonymous()
            .WithName(nameof(SaveAwardEntry)).WithSummary("An entrant saves their award entry (draft, or submit: true)").WithTags("Award entries");
    }
}
