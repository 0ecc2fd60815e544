using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Municipalities;

/// <summary>Every profile as the import file (UTF-8 with BOM, so Excel shows the Japanese), in code order.</summary>
public static class ExportMunicipalities
{
    public sealed record Query : IQuery<byte[]>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var profiles = await db.MunicipalityProfiles.AsNoTracking().AsSplitQuery()
                .Include(p => p.Offices).Include(p => p.Incentives)
                .OrderBy(p => p.Code).ToListAsync(cancellationToken);
            return MunicipalityCsv.Write(profiles);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/municipalities/export.csv", async (ISender sender, TimeProvider clock, CancellationToken ct) =>
                TypedResults.File(await sender.Send(new Query(), ct), "text/csv; charset=utf-8",
                    $"municipalities-{clock.GetUtcNow():yyyyMMdd}.csv"))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithName(nameof(ExportMunicipalities)).WithSummary("Export municipality profiles as CSV (staff)").WithTags("Municipalities");
}
