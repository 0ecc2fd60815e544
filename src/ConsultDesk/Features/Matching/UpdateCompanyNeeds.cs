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

/// <summary>The consultant keeps a company case's matching needs current (the whole set is replaced).</summary>
public static class UpdateCompanyNeeds
{
    public static readonly IReadOnlyList<string> Criteria = ["region", "capacity", "cost", "incentives", "industry", "access"];
    public static IReadOnlyList<string> Regions { get; } = Prefecture.All.Select(p => p.Region).Distinct().ToList();

    public sealed record Body(
        IReadOnlyList<string>? PreferredPrefectureCodes, IReadOnlyList<string>? PreferredRegions, int? SeatsNeeded, int? BudgetPerSeatYen,
        int? RequiredBandwidthMbps, string? Industry, CompanySize? CompanySize, string? Timing, IReadOnlyList<string>? Priorities, string? Notes);

    public sealed record Command(string Reference, Body Needs) : ICommand<NeedsModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record NeedsModel(
        IReadOnlyList<string> PreferredPrefectureCodes, IReadOnlyList<string> PreferredRegions, int? SeatsNeeded, int? BudgetPerSeatYen,
        int? RequiredBandwidthMbps, string? Industry, CompanySize? CompanySize, string? Timing, IReadOnlyList<string> Priorities, string? Notes, DateTime UpdatedAt)
    {
        public static NeedsModel Of(CompanyNeeds n) => new(n.PreferredPrefectureCodes, n.PreferredRegions, n.SeatsNeeded, n.BudgetPerSeatYen,
            n.RequiredBandwidthMbps, n.Industry, n.CompanySize, n.Timing, n.Priorities, n.Notes, n.UpdatedAt);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Needs).NotNull();
            RuleForEach(c => c.Needs.PreferredPrefectureCodes).Must(Prefecture.IsValidCode).WithMessage(_ => Texts.Prefecture)
                .OverridePropertyName("preferredPrefectureCodes");
            RuleForEach(c => c.Needs.PreferredRegions).Must(r => Regions.Contains(r)).WithMessage(_ => Texts.MatchRegionUnknown)
                .OverridePropertyName("preferredRegions");
            RuleFor(c => c.Needs.SeatsNeeded).InclusiveBetween(0, 100_000).WithMessage(_ => Texts.MatchNotNegative).OverridePropertyName("seatsNeeded");
            RuleFor(c => c.Needs.BudgetPerSeatYen).InclusiveBetween(0, 10_000_000).WithMessage(_ => Texts.MatchNotNegative).OverridePropertyName("budgetPerSeatYen");
            RuleFor(c => c.Needs.RequiredBandwidthMbps).InclusiveBetween(0, 100_000).WithMessage(_ => Texts.MatchNotNegative).OverridePropertyName("requiredBandwidthMbps");
            RuleFor(c => c.Needs.Industry).Must(i => i is null || Industry.IsKnown(i)).WithMessage(_ => Texts.Industry).OverridePropertyName("industry");
            RuleFor(c => c.Needs.CompanySize).IsInEnum().OverridePropertyName("companySize");
            RuleFor(c => c.Needs.Timing).SingleLine(100, () => Texts.MatchNeedsTiming).OverridePropertyName("timing");
            RuleForEach(c => c.Needs.Priorities).Must(p => Criteria.Contains(p)).WithMessage(_ => Texts.MatchPriorityUnknown)
                .OverridePropertyName("priorities");
            RuleFor(c => c.Needs.Notes)
                .Must(n => n is null || JapaneseText.TextLength(n) <= 2_000).WithMessage(_ => string.Format(Texts.TooLong, Texts.MatchNeedsNotes, 2_000))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.MatchNeedsNotes))
                .OverridePropertyName("notes");
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, NeedsModel>
    {
        public async ValueTask<NeedsModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, null, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            MatchAccess.EnsureCompany(@case);
            var now = clock.GetUtcNow().UtcDateTime;
            var needs = await db.CompanyNeeds.SingleOrDefaultAsync(n => n.CaseId == @case.Id, cancellationToken);
            if (needs is null) db.CompanyNeeds.Add(needs = CompanyNeeds.For(@case.Id, now));
            var b = command.Needs;
            needs.Update(b.PreferredPrefectureCodes ?? [], b.PreferredRegions ?? [], b.SeatsNeeded, b.BudgetPerSeatYen, b.RequiredBandwidthMbps,
                Blank(b.Industry), b.CompanySize, Blank(b.Timing), b.Priorities ?? [], Blank(b.Notes), now);
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "match-needs-updated", now, new { }, user.RequiredId()));
            await gate.SaveChangesAsync(db, cancellationToken);
            return NeedsModel.Of(needs);
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/cases/{reference}/needs", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, JsonRequest.DefaultMaxBytes, ct);
                return TypedResults.Ok(await sender.Send(new Command(reference, body), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(UpdateCompanyNeeds)).WithSummary("Replace a company case's matching needs").WithTags("Matching");
}
