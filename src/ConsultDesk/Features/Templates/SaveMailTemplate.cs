using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Templates;

/// <summary>
/// Stores an admin's version of a template. A source that does not parse, or that renders (with the sample model)
/// an empty or multi-line subject or an empty body, is refused with the reason; a version changed since the admin
/// read it is refused with 412 instead of being overwritten.
/// </summary>
public static class SaveMailTemplate
{
    public const int MaxSourceLength = 20_000;

    public sealed record Body(string? Source);

    public sealed record Command(string Name, string Language, string? Source) : ICommand<Response>, IRoleRestrictedMessage
    {
        /// <summary>The version the admin edited (0 = the shipped default); null saves unconditionally.</summary>
        public int? ExpectedVersion { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Response(string Name, InquiryLanguage Language, int Version, DateTime UpdatedAt, IReadOnlyList<string> Warnings);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Source).Required(() => Texts.TemplatesSource)
                .MaximumLength(MaxSourceLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.TemplatesSource, MaxSourceLength))
                .DependentRules(() => RuleFor(c => c.Source).Custom((source, context) =>
                    AddErrors(context, context.InstanceToValidate.Name, context.InstanceToValidate.Language, source!)));
        }
    }

    /// <summary>The template check's errors as failures on <c>source</c>; an unknown template is left to the handler (404).</summary>
    internal static void AddErrors<T>(ValidationContext<T> context, string name, string language, string source)
    {
        if (!TemplateAddress.TryResolve(name, language, out var entry, out var parsed)) return;
        foreach (var error in MailTemplateCheck.Run(entry, parsed, source).Errors)
            context.AddFailure(new FluentValidation.Results.ValidationFailure(nameof(Command.Source), error.Message) { CustomState = error });
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, MailTemplates templates, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var (entry, language) = TemplateAddress.Resolve(command.Name, command.Language);
            var source = MailTemplateCheck.Normalize(command.Source!);
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.RequiredId();

            var row = await db.MailTemplates.SingleOrDefaultAsync(t => t.Name == entry.Name && t.Language == language, cancellationToken);
            if (command.ExpectedVersion is { } expected && expected != (row?.Version ?? 0)) throw new PreconditionFailedException();
            if (row is null)
            {
                row = StoredMailTemplate.Create(entry.Name, language, source, actor, now);
                db.MailTemplates.Add(row);
            }
            else
            {
                row.Update(source, actor, now);
            }

            try
            {
                await gate.SaveChangesAsync(db, cancellationToken);
            }
            catch (DbUpdateException) when (row.Version == 1)
            {
                // Two admins customised the same default at once: the later one must not overwrite the first.
                if (await StoredMeanwhileAsync(entry.Name, language, cancellationToken)) throw new PreconditionFailedException();
                throw;
            }
            await templates.ReloadAsync(CancellationToken.None); // the change shows in this process at once
            logger.LogInformation("Mail template {Template}.{Language} saved as v{Version} by {UserId}", entry.Name, Wire.Name(language), row.Version, actor);
            return new Response(entry.Name, language, row.Version, now, MailTemplateCheck.Run(entry, language, source).Warnings);
        }

        private Task<bool> StoredMeanwhileAsync(string name, InquiryLanguage language, CancellationToken cancellationToken) =>
            db.MailTemplates.AsNoTracking().AnyAsync(t => t.Name == name && t.Language == language, cancellationToken);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/mail-templates/{name}/{language}", async (string name, string language, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 4 * MaxSourceLength + 1024, ct);
                var command = new Command(name, language, body.Source) { ExpectedVersion = TemplateAddress.ExpectedVersion(http.Request) };
                var response = await sender.Send(command, ct);
                TemplateAddress.SetETag(http.Response, response.Version);
                return TypedResults.Ok(response);
            })
            .Accepts<Body>("application/json")
            .Produces<Response>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(SaveMailTemplate)).WithSummary("Save an admin's version of a mail template (admins)").WithTags("Mail templates");
}
