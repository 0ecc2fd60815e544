using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Templates;

/// <summary>
/// Renders a source the admin is editing with the template's sample model, without saving it: the subject and body,
/// plus warnings (unknown variables or filters); a source that would be refused on save is a 400 with the reason.
/// </summary>
public static class PreviewMailTemplate
{
    public sealed record Body(string? Source);

    public sealed record Query(string Name, string Language, string? Source) : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Response(string Subject, string Body, IReadOnlyList<string> Warnings);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Source).Required(() => Texts.TemplatesSource)
                .MaximumLength(SaveMailTemplate.MaxSourceLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.TemplatesSource, SaveMailTemplate.MaxSourceLength))
                .DependentRules(() => RuleFor(q => q.Source).Custom((source, context) =>
                    SaveMailTemplate.AddErrors(context, context.InstanceToValidate.Name, context.InstanceToValidate.Language, source!)));
        }
    }

    public sealed class Handler : IQueryHandler<Query, Response>
    {
        public ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var (entry, language) = TemplateAddress.Resolve(query.Name, query.Language);
            var check = MailTemplateCheck.Run(entry, language, query.Source!);
            // The validator refused anything with errors; this only guards against a caller that skipped it.
            if (!check.IsValid) throw new ValidationException(check.Errors.Select(e => new FluentValidation.Results.ValidationFailure(nameof(Query.Source), e.Message)));
            return ValueTask.FromResult(new Response(check.Subject!, check.Body!, check.Warnings));
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/mail-templates/{name}/{language}/preview", async (string name, string language, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 4 * SaveMailTemplate.MaxSourceLength + 1024, ct);
                return TypedResults.Ok(await sender.Send(new Query(name, language, body.Source), ct));
            })
            .Accepts<Body>("application/json")
            .Produces<Response>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(PreviewMailTemplate)).WithSummary("Render a mail template source with sample values, without saving (admins)").WithTags("Mail templates");
}
