using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Offices;

/// <summary>
/// The public satellite-office directory: published municipalities with their office totals, filtered and
/// keyset-paged by code. Reads only the profile's derived columns (the prefecture and region filters use the
/// <c>(IsPublished, PrefectureCode, Code)</c> and <c>(IsPublished, Region, Code)</c> indexes).
/// </summary>
public static class ListOffices
{
    public sealed record Query : IQuery<Model>, IPublicMessage
    {
        public string? PrefectureCode { get; init; }
        public string? Region { get; init; }
        public int? MinFreeSeats { get; init; }
        public int? MaxFeePerSeat { get; init; }
        public IncentiveKind? Incentive { get; init; }
        /// <summary>The last code of the previous page.</summary>
        public string? After { get; init; }
        public int Limit { get; init; } = 20;
    }

    public sealed record Model(IReadOnlyList<Row> Rows, string? NextAfter);

    public sealed record Row(string Code, string Name, string PrefectureCode, string Region, int OfficeCount, int TotalSeats, int AvailableSeats,
        int? LowestMonthlyFeePerSeat, int? FastestBandwidthMbps, int? ShortestTravelMinutesFromTokyo, int IncentiveKinds, bool IsSample);

    public static readonly IReadOnlyList<string> Regions = [.. Prefecture.All.Select(p => p.Region).Distinct()];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.PrefectureCode).Must(c => c is null || Prefecture.IsValidCode(c)).WithMessage(_ => Texts.OfficesPrefectureInvalid);
            RuleFor(q => q.Region).Must(r => r is null || Regions.Contains(r)).WithMessage(_ => Texts.OfficesRegionInvalid);
            RuleFor(q => q.MinFreeSeats).GreaterThanOrEqualTo(0);
            RuleFor(q => q.MaxFeePerSeat).GreaterThanOrEqualTo(0);
            RuleFor(q => q.After).Must(a => a is null || (a.Length == 6 && a.All(char.IsAsciiDigit)));
            RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var profiles = db.MunicipalityProfiles.AsNoTracking().Where(p => p.IsPublished);
            if (query.PrefectureCode is { } prefecture) profiles = profiles.Where(p => p.PrefectureCode == prefecture);
            if (query.Region is { } region) profiles = profiles.Where(p => p.Region == region);
            if (query.MinFreeSeats is { } seats) profiles = profiles.Where(p => p.AvailableSeats >= seats);
            if (query.MaxFeePerSeat is { } fee) profiles = profiles.Where(p => p.LowestMonthlyFeePerSeat <= fee);
            if (query.Incentive is { } kind)
            {
                var bit = MunicipalityProfile.KindBit(kind);
                profiles = profiles.Where(p => (p.IncentiveKinds & bit) != 0);
            }
            if (query.After is { } after) profiles = profiles.Where(p => string.Compare(p.Code, after) > 0);

            var rows = await profiles.OrderBy(p => p.Code).Take(query.Limit + 1)
                .Select(p => new Row(p.Code, p.Name, p.PrefectureCode, p.Region, p.Offices.Count, p.TotalSeats, p.AvailableSeats,
                    p.LowestMonthlyFeePerSeat, p.FastestBandwidthMbps, p.ShortestTravelMinutesFromTokyo, p.IncentiveKinds, p.IsSample))
                .ToListAsync(cancellationToken);
            var more = rows.Count > query.Limit;
            if (more) rows.RemoveAt(rows.Count - 1);
            return new Model(rows, more ? rows[^1].Code : null);
        }
    }
}
