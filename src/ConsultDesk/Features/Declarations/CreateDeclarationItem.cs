using System.Globalization;
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
/// Adds a commitment item (its code is the next number: 【6】 after 【5】) or an agreement (the admin gives its slug
/// code). Every active agreement must be ticked on the form from then on.
/// </summary>
public static class CreateDeclarationItem
{
    public sealed record Command(DeclarationItemInput Item) : ICommand<ListDeclarationItems.Item>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly DeclarationItemInputValidator Input = new();

        public Validator()
        {
            // The body is the item itself, so its failures keep their own paths (labelJa, not item.labelJa).
            RuleFor(c => c.Item).Custom((item, context) =>
            {
                foreach (var failure in Input.Validate(item).Errors) context.AddFailure(failure);
                if (item.Kind is null)
                    context.AddFailure(DeclarationItemAddress.Failure(nameof(DeclarationItemInput.Kind), Texts.SengenItemsKindRequired));
                else if (item.Kind == DeclarationItemKind.Commitment && !string.IsNullOrEmpty(item.Code))
                    context.AddFailure(DeclarationItemAddress.Failure(nameof(DeclarationItemInput.Code), Texts.SengenItemsCodeAutomatic));
                else if (item.Kind == DeclarationItemKind.Agreement && !DeclarationItemAddress.IsSlug(item.Code))
                    context.AddFailure(DeclarationItemAddress.Failure(nameof(DeclarationItemInput.Code),
                        string.Format(Texts.SengenItemsCodeFormat, DeclarationItem.MaxCodeLength)));
            });
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, ListDeclarationItems.Item>
    {
        public async ValueTask<ListDeclarationItems.Item> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Item;
            var kind = input.Kind!.Value;
            var siblings = await db.DeclarationItems.AsNoTracking().Where(i => i.Kind == kind)
                .Select(i => new { i.Code, i.SortOrder }).ToListAsync(cancellationToken);
            string code;
            if (kind == DeclarationItemKind.Commitment)
            {
                code = (siblings.Select(s => int.TryParse(s.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                    .DefaultIfEmpty(0).Max() + 1).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                code = input.Code!;
                if (siblings.Any(s => s.Code == code))
                    throw new ValidationException([DeclarationItemAddress.Failure(nameof(DeclarationItemInput.Code), Texts.SengenItemsCodeTaken)]);
            }
            var sortOrder = input.SortOrder ?? siblings.Select(s => s.SortOrder).DefaultIfEmpty(0).Max() + 10;
            var now = DeclarationItemAddress.NextStamp(DateTime.MinValue, clock.GetUtcNow().UtcDateTime);
            var item = DeclarationItem.Create(kind, code, input.LabelJa!.Trim(), input.LabelEn?.Trim() ?? "", Blank(input.DescriptionJa),
                Blank(input.DescriptionEn), input.IsSample ?? false, Math.Min(sortOrder, DeclarationItemInput.MaxSortOrder), now);
            if (input.Active == false) item.Update(item.LabelJa, item.LabelEn, item.DescriptionJa, item.DescriptionEn, item.IsSample, item.SortOrder, false, now);
            db.DeclarationItems.Add(item);
            try
            {
                await gate.SaveChangesAsync(db, cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
            {
                // Another admin added an item with the same code at the same moment (the unique index refused this one).
                if (await TakenAsync(kind, code)) throw new ConflictException(Texts.SengenItemsCodeTaken);
                throw;
            }
            logger.LogInformation("Declaration item {Kind} {Code} created by {UserId}", kind, code, user.Id);
            return ListDeclarationItems.ToItem(item);
        }

        private Task<bool> TakenAsync(DeclarationItemKind kind, string code) =>
            db.DeclarationItems.AsNoTracking().AnyAsync(i => i.Kind == kind && i.Code == code, CancellationToken.None);
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/declaration-items", async (HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<DeclarationItemInput>(http, 32 * 1024, ct);
                var item = await sender.Send(new Command(body), ct);
                http.Response.Headers.ETag = DeclarationItemAddress.ETagOf(item.Version);
                return TypedResults.Created($"/api/v1/declaration-items/{item.Code}", item);
            })
            .Accepts<DeclarationItemInput>("application/json")
            .Produces<ListDeclarationItems.Item>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(CreateDeclarationItem)).WithSummary("Add an Action宣言 commitment item or agreement (admins)").WithTags("Declaration items");
}
