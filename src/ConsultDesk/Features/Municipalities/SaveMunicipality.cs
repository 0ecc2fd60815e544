using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Municipalities;

/// <summary>
/// PUT: replaces a whole profile (offices and incentives included), or creates it when absent. With If-Match, a
/// profile changed since the editor read it is refused with 412 instead of being overwritten.
/// </summary>
public static class SaveMunicipality
{
    public sealed record Command(string Code, MunicipalityInput Profile) : ICommand<Response>, IRoleRestrictedMessage
    {
        /// <summary>The version the editor read; null saves unconditionally.</summary>
        public int? ExpectedVersion { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Response(bool Created, GetMunicipality.Model Municipality);

    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly MunicipalityInputValidator Input = new();

        public Validator()
        {
            RuleFor(c => c.Code).Must(LocalGovernmentCode.IsValid).WithMessage(_ => Texts.LocalGovernmentCodeFormat);
            // The body is the profile itself, so its failures keep their own paths (offices[0].seats, not profile.offices[0].seats).
            RuleFor(c => c.Profile).Custom((profile, context) =>
            {
                foreach (var failure in Input.Validate(profile).Errors) context.AddFailure(failure);
            });
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, LocalGovernmentDirectory directory, ICurrentUser user, TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var profile = await db.MunicipalityProfiles.AsSplitQuery().Include(p => p.Offices).Include(p => p.Incentives)
                .SingleOrDefaultAsync(p => p.Code == command.Code, cancellationToken);
            if (command.ExpectedVersion is { } expected && expected != (profile?.Version ?? 0)) throw new PreconditionFailedException();
            var created = profile is null;
            profile = command.Profile.ApplyTo(profile, command.Code, directory, now);
            if (created) db.MunicipalityProfiles.Add(profile);
            try
            {
                await gate.SaveChangesAsync(db, cancellationToken);
            }
            catch (DbUpdateException) when (created)
            {
                // Two editors created the same profile at once: the later one must not overwrite the first.
                if (await db.MunicipalityProfiles.AsNoTracking().AnyAsync(p => p.Code == command.Code, CancellationToken.None))
                    throw new PreconditionFailedException();
                throw;
            }
            logger.LogInformation("Municipality profile {Code} saved as v{Version} by {UserId}", profile.Code, profile.Version, user.Id);
            return new Response(created, GetMunicipality.ToModel(profile));
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/municipalities/{code}", async (string code, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<MunicipalityInput>(http, 256 * 1024, ct);
                var response = await sender.Send(new Command(code, body) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) }, ct);
                CaseAccess.SetETag(http.Response, response.Municipality.Version);
                return response.Created
                    ? Results.Created($"/api/v1/municipalities/{code}", response.Municipality)
                    : Results.Ok(response.Municipality);
            })
            .Accepts<MunicipalityInput>("application/json")
            .Produces<GetMunicipality.Model>().Produces<GetMunicipality.Model>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(SaveMunicipality)).WithSummary("Create or replace a municipality profile (staff)").WithTags("Municipalities");
}
