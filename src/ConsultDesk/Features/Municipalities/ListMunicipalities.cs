using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Municipalities;

/// <summary>Municipality profiles for staff: filters on indexed or derived columns, keyset paging by 団体コード.</summary>
public static class ListMunicipalities
{
    public static readonly IReadOnlyList<string> Regions = ["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu-okinawa"];

    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public string? Prefecture { get; init; }
        public string? Region { get; init; }
        public bool? HasFreeSeats { get; init; }
        public IncentiveKind? IncentiveKind { get; init; }
        public bool? Published { get; init; }
        public string? Q { get; init; }
        /// <summary>The last code of the previous page.</summary>
        public string? After { get; init; }
        public int Limit { get; init; } = QueryParameters.DefaultLimit;

        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Item(string Code, string Name, string NameKana, string PrefectureCode, string Region, int TotalSeats, int AvailableSeats,
        int? LowestMonthlyFeePerSeat, IReadOnlyList<IncentiveKind> IncentiveKinds, bool IsPublished, bool IsSample, int OfficeCount);

    public sealed record Response(IReadOnlyList<Item> Items, string? Next);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.Prefecture).Must(p => p is null || Domain.Prefecture.IsValidCode(p)).WithMessage(_ => Texts.Prefecture);
            RuleFor(q => q.Region).Must(r => r is null || Regions.Contains(r)).WithMessage(_ => Texts.MunicipalityRegion);
            RuleFor(q => q.Q).MaximumLength(100).WithMessage(_ => string.Format(Texts.TooLong, "q", 100));
            RuleFor(q => q.After).Must(a => a is null || (a.Length == 6 && a.All(char.IsAsciiDigit))).WithMessage(_ => Texts.QueueCursor);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var profiles = db.MunicipalityProfiles.AsNoTracking();
            if (query.Published is { } published) profiles = profiles.Where(p => p.IsPublished == published);
            if (query.Prefecture is { } prefecture) profiles = profiles.Where(p => p.PrefectureCode == prefecture);
            if (query.Region is { } region) profiles = profiles.Where(p => p.Region == region);
            if (query.HasFreeSeats == true) profiles = profiles.Where(p => p.AvailableSeats > 0);
            if (query.HasFreeSeats == false) profiles = profiles.Where(p => p.AvailableSeats == 0);
            if (query.IncentiveKind is { } kind)
            {
                var bit = MunicipalityProfile.KindBit(kind);
                profiles = profiles.Where(p => (p.IncentiveKinds & bit) != 0);
            }
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var text = query.Q.Trim();
                profiles = profiles.Where(p => p.Name.Contains(text) || p.NameKana.Contains(text));
            }
            if (query.After is { } after) profiles = profiles.Where(p => string.Compare(p.Code, after) > 0);

            var rows = await profiles.OrderBy(p => p.Code).Take(query.Limit + 1)
                .Select(p => new
                {
                    p.Code, p.Name, p.NameKana, p.PrefectureCode, p.Region, p.TotalSeats, p.AvailableSeats, p.LowestMonthlyFeePerSeat,
                    p.IncentiveKinds, p.IsPublished, p.IsSample, OfficeCount = p.Offices.Count(),
                })
                .ToListAsync(cancellationToken);
            var page = rows.Take(query.Limit).Select(r => new Item(r.Code, r.Name, r.NameKana, r.PrefectureCode, r.Region, r.TotalSeats, r.AvailableSeats,
                r.LowestMonthlyFeePerSeat, KindsOf(r.IncentiveKinds), r.IsPublished, r.IsSample, r.OfficeCount)).ToList();
            return new Response(page, rows.Count > query.Limit ? page[^1].Code : null);
        }
    }

    public static IReadOnlyList<IncentiveKind> KindsOf(int bits) =>
        [.. Enum.GetValues<IncentiveKind>().Where(k => (bits & MunicipalityProfile.KindBit(k)) != 0)];

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/municipalities", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var q = new QueryParameters(request.Query);
                var limit = q.Limit();
                var kind = q.Enum<IncentiveKind>("incentiveKind", Texts.MunicipalityIncentiveKind);
                var query = new Query
                {
                    Prefecture = q.Text("prefecture"),
                    Region = q.Text("region"),
                    HasFreeSeats = q.Flag("hasFreeSeats", Texts.MunicipalityBoolean),
                    IncentiveKind = kind,
                    Published = q.Flag("published", Texts.MunicipalityBoolean),
                    Q = q.Text("q"),
                    After = q.Cursor("after"),
                    Limit = limit,
                };
                return TypedResults.Ok(await sender.Send(query, ct));
            })
            .Produces<Response>().ProducesValidationProblem()
            .WithName(nameof(ListMunicipalities)).WithSummary("Municipality profiles (staff)").WithTags("Municipalities");
}
