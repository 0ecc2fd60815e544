using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Info;

/// <summary>Creates a draft item of a kind under a new slug (editors, managers, admins); revision 1 records who created it.</summary>
public static class CreateInfoItem
{
    public sealed record Command(InfoKind Kind, string? Slug, InfoItemInput Item) : ICommand<InfoItemModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    /// <summary>The API's body: the kind, the slug and the content fields.</summary>
    public sealed record Body
    {
        public InfoKind? Kind { get; init; }
        public string? Slug { get; init; }
        public InfoItemInput? Item { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ConsultDeskDbContext db, LocalGovernmentDirectory directory)
        {
            RuleFor(c => c.Slug).Must(InfoRules.IsSlug).WithMessage(_ => InfoRules.SlugFormat)
                .MustAsync(async (c, slug, ct) => !await InfoEditAccess.SlugTakenAsync(db, c.Kind, slug!, ct)).WithMessage(_ => InfoRules.SlugTaken);
            RuleFor(c => c).CustomAsync(async (c, context, ct) =>
            {
                var result = await new InfoContentValidator(c.Kind, directory, db).ValidateAsync(c.Item.ToContent(c.Kind), ct);
                foreach (var failure in result.Errors) context.AddFailure("Item." + failure.PropertyName, failure.ErrorMessage);
            });
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, InfoItemModel>
    {
        public async ValueTask<InfoItemModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = await InfoEditAccess.ActorAsync(db, user, cancellationToken);
            var item = InfoItem.Create(command.Kind, command.Slug!, command.Item.ToContent(command.Kind), now);
            using (await gate.EnterAsync(cancellationToken))
            {
                if (await InfoEditAccess.SlugTakenAsync(db, command.Kind, item.Slug, cancellationToken)) throw new ConflictException(InfoRules.SlugTaken);
                InfoWriter.Add(db, item, InfoRevisionAction.Created, actor, command.Item.Note, now);
                await db.SaveChangesAsync(cancellationToken);
            }
            logger.LogInformation("Info item {ItemId} ({Kind}) created by {UserId}", item.Id, item.Kind, actor.UserId);
            return InfoItemModel.Of(item);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/info/items", async (HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, JsonRequest.DefaultMaxBytes, ct);
                if (body.Kind is not { } kind)
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure("Kind", InfoRules.Required("Kind"))]);
                var item = await sender.Send(new Command(kind, body.Slug, body.Item ?? new InfoItemInput()), ct);
                Cases.CaseAccess.SetETag(http.Response, item.Version);
                return TypedResults.Created($"/api/v1/info/items/{item.Id}", item);
            })
            .Accepts<Body>("application/json")
            .Produces<InfoItemModel>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(CreateInfoItem)).WithSummary("Create a draft portal item (editors, managers, admins)").WithTags("Info");
}
