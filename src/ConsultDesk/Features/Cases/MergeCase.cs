using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>Closes a duplicate into another open case; both timelines record the merge. The caller must be allowed to work both cases.</summary>
public static class MergeCase
{
    public sealed record Body(string? Into);

    public sealed record Command(string Reference, string? Into) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Into).Must(ReferenceNumber.IsWellFormed).WithMessage(_ => Texts.ReferenceInvalid);
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, ServiceLevel serviceLevel, FollowUpPlanner followUps, TimeProvider clock)
        : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var duplicate = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            CaseAccess.EnsureCanWork(duplicate, user);
            var target = await db.Cases.SingleOrDefaultAsync(c => c.Reference == command.Into, cancellationToken) ?? throw new NotFoundException("Case");
            // The target changes too (its timeline, its follow-ups): whoever may not work it may not merge into it.
            CaseAccess.EnsureCanWork(target, user);
            try
            {
                duplicate.MergeInto(target, user.RequiredId(), clock.GetUtcNow().UtcDateTime, serviceLevel);
            }
            catch (IllegalTransitionException ex)
            {
                throw new CaseRuleException($"cannot-close-from-{Wire.Name(ex.From)}");
            }
            await followUps.ReconcileAsync(duplicate, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await followUps.ReconcileAsync(target, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(duplicate);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/merge", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 1024, ct);
                return (await sender.Send(new Command(reference, body.Into) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) }, ct)).ToHttp(http.Response);
            })
            .Accepts<Body>("application/json")
            .WithName(nameof(MergeCase)).WithSummary("Merge a duplicate into another case").WithTags("Cases");
}
