using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Matching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Offices;

/// <summary>One published municipality as the public directory shows it: offices and incentives, never its contact address.</summary>
public static class GetMunicipalityOffices
{
    public sealed record Query(string Code) : IQuery<Model>, IPublicMessage;

    public sealed record Model(string Code, string Name, string NameKana, string PrefectureCode, string Region, string ContactDepartment,
        string? Description, IReadOnlyList<string> WelcomedIndustries, IReadOnlyList<string> WelcomedCompanySizes, bool WelcomesWorkation,
        bool WelcomesRelocation, bool IsSample, IReadOnlyList<OfficeModel> Offices, IReadOnlyList<IncentiveModel> Incentives);

    public sealed record OfficeModel(string Name, string Address, int Seats, int AvailableSeats, int MonthlyFeePerSeat, int BandwidthMbps,
        int MeetingRooms, string OpeningHours, int TravelMinutesFromTokyo);

    public sealed record IncentiveModel(string Name, IncentiveKind Kind, long? CapYen, string? Rate, string Eligibility, DateOnly? AvailableFrom, DateOnly? AvailableUntil);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            // Projected column by column so the contact email and phone never leave the database for this page.
            var model = await db.MunicipalityProfiles.AsNoTracking().Where(p => p.Code == query.Code && p.IsPublished)
                .Select(p => new Model(p.Code, p.Name, p.NameKana, p.PrefectureCode, p.Region, p.ContactDepartment, p.Description,
                    p.WelcomedIndustries, p.WelcomedCompanySizes, p.WelcomesWorkation, p.WelcomesRelocation, p.IsSample,
                    p.Offices.OrderBy(o => o.Name).Select(o => new OfficeModel(o.Name, o.Address, o.Seats, o.AvailableSeats, o.MonthlyFeePerSeat,
                        o.BandwidthMbps, o.MeetingRooms, o.OpeningHours, o.TravelMinutesFromTokyo)).ToList(),
                    p.Incentives.OrderBy(i => i.Kind).ThenBy(i => i.Name).Select(i => new IncentiveModel(i.Name, i.Kind, i.CapYen, i.Rate, i.Eligibility,
                        i.AvailableFrom, i.AvailableUntil)).ToList()))
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            return model ?? throw new NotFoundException("Municipality");
        }
    }
}
