using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Municipalities;

/// <summary>
/// One profile with its offices and incentives; <c>profile</c> is exactly what a PUT takes back. Offices and
/// incentives come in name order (see <see cref="MunicipalityInput.InOrder(IEnumerable{SatelliteOffice})"/>).
/// </summary>
public static class GetMunicipality
{
    public sealed record Query(string Code) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Model(string Code, string PrefectureCode, string Region, int Version, DateTime UpdatedAt,
        int TotalSeats, int AvailableSeats, int? LowestMonthlyFeePerSeat, IReadOnlyList<IncentiveKind> IncentiveKinds, MunicipalityInput Profile);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var profile = await db.MunicipalityProfiles.AsNoTracking().AsSplitQuery()
                .Include(p => p.Offices).Include(p => p.Incentives)
                .SingleOrDefaultAsync(p => p.Code == query.Code, cancellationToken) ?? throw new NotFoundException("Municipality");
            return ToModel(profile);
        }
    }

    internal static Model ToModel(MunicipalityProfile p) =>
        new(p.Code, p.PrefectureCode, p.Region, p.Version, p.UpdatedAt, p.TotalSeats, p.AvailableSeats, p.LowestMonthlyFeePerSeat,
            ListMunicipalities.KindsOf(p.IncentiveKinds), MunicipalityInput.From(p));

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/municipalities/{code}", async (string code, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(code), ct);
                CaseAccess.SetETag(response, model.Version);
                return TypedResults.Ok(model);
            })
            .Produces<Model>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetMunicipality)).WithSummary("A municipality profile with offices and incentives (staff)").WithTags("Municipalities");
}
