using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Templates;

/// <summary>One template for editing: the source in use, the shipped default, the variables, and the version to send back as If-Match.</summary>
public static class GetMailTemplate
{
    public sealed record Query(string Name, string Language) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record VariableModel(string Name, string Description, string Sample);

    public sealed record Model(string Name, InquiryLanguage Language, string Description, bool Essential, bool Internal,
        bool Customised, string Source, string DefaultSource, int Version, DateTime? UpdatedAt, string? UpdatedBy,
        IReadOnlyList<VariableModel> Variables);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var (entry, language) = TemplateAddress.Resolve(query.Name, query.Language);
            var row = await db.MailTemplates.AsNoTracking()
                .Where(t => t.Name == entry.Name && t.Language == language)
                .Select(t => new { t.Source, t.Version, t.UpdatedAt, UpdatedBy = db.Users.Where(u => u.Id == t.UpdatedById).Select(u => u.DisplayName).FirstOrDefault() })
                .SingleOrDefaultAsync(cancellationToken);
            var english = TemplateAddress.English;
            var defaultSource = MailTemplateCheck.Normalize(MailTemplates.DefaultSource(entry.Name, language));
            return new Model(entry.Name, language, entry.Description(english), entry.Essential, entry.Internal,
                row is not null, row?.Source ?? defaultSource, defaultSource, row?.Version ?? 0, row?.UpdatedAt, row?.UpdatedBy,
                entry.Variables.Select(v => new VariableModel(v.Name, v.Description(english),
                    Convert.ToString(v.Sample(language), System.Globalization.CultureInfo.InvariantCulture) ?? "")).ToList());
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/mail-templates/{name}/{language}", async (string name, string language, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(name, language), ct);
                TemplateAddress.SetETag(response, model.Version);
                return TypedResults.Ok(model);
            })
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetMailTemplate)).WithSummary("A mail template with its default and variables (admins)").WithTags("Mail templates");
}
