using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Municipalities;

/// <summary>
/// Imports a profile file (see <see cref="MunicipalityCsv"/>): every code in it is created or fully replaced, codes
/// not in it are left alone. All or nothing: one bad cell and nothing is written; the answer lists every bad cell.
/// </summary>
public static class ImportMunicipalities
{
    public sealed record Command(byte[] Content) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed record Response(int Created, int Replaced, int Offices, int Incentives, string Encoding, IReadOnlyList<MunicipalityCsv.RowError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, LocalGovernmentDirectory directory, ICurrentUser user, TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var read = MunicipalityCsv.Read(command.Content);
            if (!read.Succeeded) return new Response(0, 0, 0, 0, read.Encoding, read.Errors);
            var (created, replaced) = await ApplyAsync(db, gate, directory, read.Groups, clock.GetUtcNow().UtcDateTime, cancellationToken);
            logger.LogInformation("Municipality import by {UserId}: {Created} created, {Replaced} replaced ({Encoding})", user.Id, created, replaced, read.Encoding);
            return new Response(created, replaced, read.Groups.Sum(g => g.Profile.Offices.Count), read.Groups.Sum(g => g.Profile.Incentives.Count),
                read.Encoding, []);
        }
    }

    /// <summary>Writes the groups in one SaveChanges, which is one transaction: all of them or none.</summary>
    public static async Task<(int Created, int Replaced)> ApplyAsync(ConsultDeskDbContext db, WriteGate gate, LocalGovernmentDirectory directory,
        IReadOnlyList<MunicipalityCsv.Group> groups, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var codes = groups.Select(g => g.Code).ToList();
        var existing = await db.MunicipalityProfiles.AsSplitQuery().Include(p => p.Offices).Include(p => p.Incentives)
            .Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, cancellationToken);
        var created = 0;
        foreach (var group in groups)
        {
            var profile = group.Profile.ApplyTo(existing.GetValueOrDefault(group.Code), group.Code, directory, nowUtc);
            if (!existing.ContainsKey(group.Code))
            {
                db.MunicipalityProfiles.Add(profile);
                created++;
            }
        }
        await gate.SaveChangesAsync(db, cancellationToken);
        return (created, groups.Count - created);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/municipalities/import", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var content = await ReadUploadAsync(request, ct);
                var response = await sender.Send(new Command(content), ct);
                return response.Succeeded
                    ? Results.Ok(response)
                    : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: Texts.MunicipalityImportFailed,
                        detail: string.Format(Texts.MunicipalityImportFailedDetail, response.Errors.Count),
                        extensions: new Dictionary<string, object?> { ["encoding"] = response.Encoding, ["rows"] = response.Errors });
            })
            .DisableAntiforgery() // cookie callers are checked by CookieWriteGuard, like every API write; bearer callers cannot be forged
            .Accepts<IFormFile>("multipart/form-data", "text/csv", "text/plain")
            .Produces<Response>().ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName(nameof(ImportMunicipalities)).WithSummary("Import municipality profiles from CSV, all or nothing (staff)").WithTags("Municipalities");

    /// <summary>The file of a multipart upload (the first file part), or a <c>text/csv</c> body.</summary>
    public static async Task<byte[]> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MunicipalityCsv.MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.FirstOrDefault() ?? throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.MunicipalityCsvNoFile);
            if (file.Length > MunicipalityCsv.MaxBytes) throw TooLarge();
            await file.CopyToAsync(buffer, cancellationToken);
        }
        else if (request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
                     || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MunicipalityCsv.MaxBytes) throw TooLarge();
        }
        else
        {
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, Texts.ProblemUnsupportedMediaType);
        }
        if (buffer.Length == 0) throw new RequestRejectedException(StatusCodes.Status400BadRequest, Texts.ProblemEmptyBody);
        return buffer.ToArray();
    }

    private static RequestRejectedException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, string.Format(Texts.ProblemTooLarge, MunicipalityCsv.MaxBytes / 1024));
}
