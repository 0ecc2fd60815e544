using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// Changes an item's labels, descriptions, sample flag, order or whether the form offers it. Its code and kind never
/// change (declarations store the code): a body naming another code or kind is refused on that field. With If-Match
/// (or the version the editor read), an item changed meanwhile is refused with 412 instead of being overwritten.
/// </summary>
public static class UpdateDeclarationItem
{
    public sealed record Command(string Code, DeclarationItemInput Item) : ICommand<ListDeclarationItems.Item>, IRoleRestrictedMessage
    {
        /// <summary>The version the editor read (<see cref="ListDeclarationItems.Item.Version"/>); null saves unconditionally.</summary>
        public long? ExpectedVersion { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly DeclarationItemInputValidator Input = new();

        public Validator() =>
            RuleFor(c => c.Item).Custom((item, context) =>
            {
                foreach (var failure in Input.Validate(item).Errors) context.AddFailure(failure);
            });
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, ListDeclarationItems.Item>
    {
        public async ValueTask<ListDeclarationItems.Item> Handle(Command command, CancellationToken cancellationToken)
        {
            var item = await db.DeclarationItems.SingleOrDefaultAsync(i => i.Code == command.Code, cancellationToken)
                ?? throw new NotFoundException("Declaration item");
            var input = command.Item;
            var fixedFields = new List<FluentValidation.Results.ValidationFailure>();
            if (input.Code is not null && input.Code != item.Code)
                fixedFields.Add(DeclarationItemAddress.Failure(nameof(DeclarationItemInput.Code), Texts.SengenItemsCodeFixed));
            if (input.Kind is { } kind && kind != item.Kind)
                fixedFields.Add(DeclarationItemAddress.Failure(nameof(DeclarationItemInput.Kind), Texts.SengenItemsKindFixed));
            if (fixedFields.Count > 0) throw new ValidationException(fixedFields);
            if (command.ExpectedVersion is { } expected && expected != DeclarationItemAddress.VersionOf(item)) throw new PreconditionFailedException();

            var now = DeclarationItemAddress.NextStamp(item.UpdatedAt, clock.GetUtcNow().UtcDateTime);
            item.Update(input.LabelJa!.Trim(), input.LabelEn?.Trim() ?? "", CreateDeclarationItem.Blank(input.DescriptionJa),
                CreateDeclarationItem.Blank(input.DescriptionEn), input.IsSample ?? item.IsSample, input.SortOrder ?? item.SortOrder,
                input.Active ?? item.Active, now);
            // UpdatedAt is the concurrency token: a save that lost a race with another admin's is a 412, not an overwrite.
            await gate.SaveChangesAsync(db, cancellationToken);
            logger.LogInformation("Declaration item {Kind} {Code} updated by {UserId}", item.Kind, item.Code, user.Id);
            return ListDeclarationItems.ToItem(item);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/declaration-items/{code}", async (string code, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<DeclarationItemInput>(http, 32 * 1024, ct);
                var item = await sender.Send(new Command(code, body) { ExpectedVersion = DeclarationItemAddress.ExpectedVersion(http.Request) }, ct);
                http.Response.Headers.ETag = DeclarationItemAddress.ETagOf(item.Version);
                return TypedResults.Ok(item);
            })
            .Accepts<DeclarationItemInput>("application/json")
            .Produces<ListDeclarationItems.Item>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(UpdateDeclarationItem)).WithSummary("Change an Action宣言 item's wording, order or availability (admins)")
            .WithTags("Declaration items");
}
