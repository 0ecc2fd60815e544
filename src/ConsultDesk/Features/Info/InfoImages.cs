using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using ConsultDesk.Files;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Info;

/// <summary>
/// Adds an image to a case study (at most <see cref="InfoImage.MaxPerItem"/>, PNG/JPEG/WebP by content, at most
/// <see cref="InfoImage.MaxBytes"/>, read up to the limit + 1 byte): stored by SHA-256 in the attachment store, with its
/// required alternative text. Not a content change of the item (no revision): the images are shown beside it.
/// </summary>
public static class AddInfoImage
{
    public sealed record Command(Guid ItemId, Func<Stream> Open, string? AltText) : ICommand<InfoImageModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public static readonly IReadOnlyList<FileType> Types = [FileTypes.Png, FileTypes.Jpeg, FileTypes.WebP];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.AltText).NotEmpty().WithMessage(_ => InfoRules.Required("AltText"))
            .MaximumLength(InfoImage.MaxAltLength).WithMessage(_ => InfoRules.TooLong("AltText", InfoImage.MaxAltLength));
    }

    private static ValidationException Refuse(string message) => new([new ValidationFailure("Image", message)]);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, AttachmentStore store, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, InfoImageModel>
    {
        public async ValueTask<InfoImageModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var item = await InfoEditAccess.LoadAsync(db, command.ItemId, tracking: false, cancellationToken);
            if (item.Kind != InfoKind.CaseStudy) throw new ConflictException(InfoRules.ImagesOnlyForCaseStudies);
            StagedFile staged;
            await using (var source = command.Open()) staged = await store.StageAsync(source, InfoImage.MaxBytes, cancellationToken);
            using var _ = staged;
            if (staged.TooLarge) throw Refuse(InfoRules.ImageTooLarge);
            FileType? type;
            await using (var content = staged.OpenRead()) type = FileTypes.Sniff(content);
            if (type is null || !Types.Contains(type)) throw Refuse(InfoRules.ImageType);
            InfoImage image;
            using (await gate.EnterAsync(cancellationToken))
            {
                var count = await db.InfoImages.CountAsync(i => i.ItemId == item.Id, cancellationToken);
                if (count >= InfoImage.MaxPerItem) throw Refuse(InfoRules.TooManyImages);
                var order = await db.InfoImages.Where(i => i.ItemId == item.Id).MaxAsync(i => (int?)i.SortOrder, cancellationToken) ?? 0;
                store.Commit(staged);
                image = InfoImage.Of(item.Id, staged.Sha256, type.ContentType, staged.Size, command.AltText!.Trim(), order + 1, clock.GetUtcNow().UtcDateTime);
                db.InfoImages.Add(image);
                await db.SaveChangesAsync(cancellationToken);
            }
            logger.LogInformation("Info item {ItemId}: image {ImageId} added ({Bytes} bytes)", item.Id, image.Id, image.Length);
            return new InfoImageModel(image.Id, image.ContentType, image.Length, image.AltText, image.SortOrder);
        }
    }
}

/// <summary>Changes an image's alternative text (required).</summary>
public static class DescribeInfoImage
{
    public sealed record Command(Guid ItemId, Guid ImageId, string? AltText) : ICommand, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.AltText).NotEmpty().WithMessage(_ => InfoRules.Required("AltText"))
            .MaximumLength(InfoImage.MaxAltLength).WithMessage(_ => InfoRules.TooLong("AltText", InfoImage.MaxAltLength));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                var image = await db.InfoImages.SingleOrDefaultAsync(i => i.Id == command.ImageId && i.ItemId == command.ItemId, cancellationToken)
                    ?? throw new NotFoundException("Info image");
                image.Describe(command.AltText!.Trim());
                await db.SaveChangesAsync(cancellationToken);
            }
            return Unit.Value;
        }
    }
}

/// <summary>Removes an image from a case study (the stored content stays: another image may share it).</summary>
public static class RemoveInfoImage
{
    public sealed record Command(Guid ItemId, Guid ImageId) : ICommand, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                var image = await db.InfoImages.SingleOrDefaultAsync(i => i.Id == command.ImageId && i.ItemId == command.ItemId, cancellationToken)
                    ?? throw new NotFoundException("Info image");
                db.InfoImages.Remove(image);
                await db.SaveChangesAsync(cancellationToken);
            }
            return Unit.Value;
        }
    }
}

/// <summary>
/// GET /info/images/{id}: a published item's image for anyone; a draft's only for editors, managers and admins
/// (everyone else gets 404). Content type from storage, nosniff, cached a day when public.
/// </summary>
public static class GetInfoImage
{
    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapGet("/info/images/{id:guid}", async (Guid id, HttpContext http, ConsultDeskDbContext db, AttachmentStore store, CancellationToken ct) =>
            {
                var found = await db.InfoImages.AsNoTracking().Where(i => i.Id == id)
                    .Join(db.InfoItems, i => i.ItemId, item => item.Id, (i, item) => new { i.Sha256, i.ContentType, item.Status })
                    .SingleOrDefaultAsync(ct);
                var editor = Roles.InfoEditors.Any(http.User.IsInRole);
                if (found is null || (found.Status != InfoStatus.Published && !editor)) return Results.NotFound();
                var stream = store.Open(found.Sha256);
                if (stream is null) return Results.NotFound();
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.CacheControl = found.Status == InfoStatus.Published && !editor ? "public, max-age=86400" : "private, no-store";
                return Results.Stream(stream, found.ContentType);
            })
            .AllowAnonymous().ExcludeFromDescription();
}
