using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Matching;

/// <summary>
/// A consultant proposes introducing the company of a case to a municipality; nothing is shared yet. A municipality
/// case can start it too (the municipality asked to meet companies of a kind): posted on the municipality case with
/// the company case's reference, the proposal is made on the company case, since it is the company that consents.
/// </summary>
public static class ProposeMatch
{
    public const int NoteMaxLength = 2_000;

    public sealed record Body(string? MunicipalityCode, string? Note, string? CompanyReference = null);

    public sealed record Command(string Reference, string? MunicipalityCode, string? Note) : ICommand<MatchAccess.ProposalModel>, IRoleRestrictedMessage
    {
        /// <summary>Set when the proposal starts from a municipality case.</summary>
        public string? CompanyReference { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MunicipalityCode).Required(() => Texts.MatchMunicipalityCode)
                .Matches("^[0-9]{6}$").WithMessage(_ => Texts.MatchMunicipalityCodeFormat)
                .When(c => c.CompanyReference is null);
            RuleFor(c => c.Note)
                .Must(n => n is null || JapaneseText.TextLength(n.Trim()) <= NoteMaxLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.MatchNote, NoteMaxLength))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.MatchNote));
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, MatchAccess.ProposalModel>
    {
        public async ValueTask<MatchAccess.ProposalModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, null, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            Case? municipalityCase = null;
            if (command.CompanyReference is { } companyReference && @case.InquirerType == InquirerType.Municipality)
            {
                municipalityCase = @case;
                @case = await CaseAccess.LoadForWriteAsync(db, companyReference.Trim(), null, cancellationToken);
                CaseAccess.EnsureCanWork(@case, user);
            }
            MatchAccess.EnsureCompany(@case);
            var code = municipalityCase is not null
                ? municipalityCase.LocalGovernmentCode ?? throw new ConflictException(Texts.MatchMunicipalityCode)
                : command.MunicipalityCode!;
            var municipality = await db.MunicipalityProfiles.AsNoTracking().Where(m => m.Code == code).Select(m => new { m.Name }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Municipality");
            // One live proposal per municipality: a second would send the company a second consent request for the same thing.
            if (await db.MatchProposals.AnyAsync(p => p.CaseId == @case.Id && p.MunicipalityCode == code
                    && p.Status != ProposalStatus.Declined && p.Status != ProposalStatus.Dropped && p.Status != ProposalStatus.Concluded, cancellationToken))
                throw new ConflictException(string.Format(Texts.MatchDuplicate, municipality.Name));

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.RequiredId();
            var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
            var proposal = MatchProposal.Propose(@case.Id, code, note, actor, now, municipalityCase?.Id);
            db.MatchProposals.Add(proposal);
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "match-proposed", now,
                new { proposalId = proposal.Id, municipalityCode = code, municipalityName = municipality.Name, note, fromCase = municipalityCase?.Reference }, actor));
            if (municipalityCase is not null)
                CaseTimeline.Record(db, TimelineEntry.Create(municipalityCase.Id, "match-proposed", now,
                    new { proposalId = proposal.Id, municipalityCode = code, municipalityName = municipality.Name, note, companyCase = @case.Reference }, actor));
            await gate.SaveChangesAsync(db, cancellationToken);
            return MatchAccess.Model(proposal, municipality.Name);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/matches", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, JsonRequest.DefaultMaxBytes, ct);
                var proposal = await sender.Send(new Command(reference, body.MunicipalityCode, body.Note) { CompanyReference = body.CompanyReference }, ct);
                return TypedResults.Created($"/api/v1/cases/{reference}/matches/{proposal.Id}", proposal);
            })
            .Accepts<Body>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(ProposeMatch)).WithSummary("Propose introducing the company to a municipality").WithTags("Matching");
}
