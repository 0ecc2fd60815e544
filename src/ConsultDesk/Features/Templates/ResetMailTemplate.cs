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
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Templates;

/// <summary>Deletes an admin's version, so the shipped default is used again. Resetting a default is a no-op.</summary>
public static class ResetMailTemplate
{
    public sealed record Command(string Name, string Language) : ICommand<Unit>, IRoleRestrictedMessage
    {
        /// <summary>The version the admin saw; a newer one saved meanwhile is not thrown away (412).</summary>
        public int? ExpectedVersion { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, MailTemplates templates, ICurrentUser user, ILogger<Handler> logger)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (entry, language) = TemplateAddress.Resolve(command.Name, command.Language);
            var row = await db.MailTemplates.SingleOrDefaultAsync(t => t.Name == entry.Name && t.Language == language, cancellationToken);
            if (row is null) return Unit.Value;
            if (command.ExpectedVersion is { } expected && expected != row.Version) throw new PreconditionFailedException();
            db.MailTemplates.Remove(row);
            await gate.SaveChangesAsync(db, cancellationToken);
            await templates.ReloadAsync(CancellationToken.None); // the change shows in this process at once
            logger.LogInformation("Mail template {Template}.{Language} reset to the default by {UserId}", entry.Name, Wire.Name(language), user.Id);
            return Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapDelete("/mail-templates/{name}/{language}", async (string name, string language, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new Command(name, language) { ExpectedVersion = TemplateAddress.ExpectedVersion(request) }, ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(ResetMailTemplate)).WithSummary("Go back to the shipped default of a mail template (admins)").WithTags("Mail templates");
}
