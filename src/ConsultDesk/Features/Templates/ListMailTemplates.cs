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

/// <summary>Every mail template in each language, and whether an admin has changed it from the shipped default.</summary>
public static class ListMailTemplates
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Item(string Name, InquiryLanguage Language, string Description, bool Essential, bool Internal,
        bool Customised, int Version, DateTime? UpdatedAt);

    public sealed record Response(IReadOnlyList<Item> Items);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            // The catalog is small and fixed: one query for the stored versions, matched up in memory.
            var stored = await db.MailTemplates.AsNoTracking()
                .Select(t => new { t.Name, t.Language, t.Version, t.UpdatedAt })
                .ToListAsync(cancellationToken);
            var english = TemplateAddress.English;
            var items = (from entry in MailTemplateCatalog.All
                         from language in MailTemplateCatalog.Languages
                         let row = stored.FirstOrDefault(s => s.Name == entry.Name && s.Language == language)
                         select new Item(entry.Name, language, entry.Description(english), entry.Essential, entry.Internal,
                             row is not null, row?.Version ?? 0, row?.UpdatedAt)).ToList();
            return new Response(items);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/mail-templates", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(), ct)))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListMailTemplates)).WithSummary("List mail templates (admins)").WithTags("Mail templates");
}
