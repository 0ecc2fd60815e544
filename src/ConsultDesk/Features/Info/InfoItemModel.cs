using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>An item as the editor sees it (ETag <c>"v{Version}"</c>): its state, its content and, for case studies, its images.</summary>
public sealed record InfoItemModel(
    Guid Id, InfoKind Kind, string Slug, InfoStatus Status, bool IsSample, InfoContent Content,
    DateTime? PublishAt, DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, int Version,
    IReadOnlyList<InfoImageModel> Images, IReadOnlyList<InfoEditionModel> Editions)
{
    public static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? at) => at is { } value ? Utc(value) : null;

    public static InfoItemModel Of(InfoItem i, IReadOnlyList<InfoImageModel>? images = null, IReadOnlyList<InfoEditionModel>? editions = null) =>
        new(i.Id, i.Kind, i.Slug, i.Status, i.IsSample, i.Content, Utc(i.PublishAt), Utc(i.PublishedAt), Utc(i.CreatedAt), Utc(i.UpdatedAt),
            i.Version, images ?? [], editions ?? []);
}

public sealed record InfoImageModel(Guid Id, string ContentType, long Length, string AltText, int SortOrder)
{
    public string Url => $"/info/images/{Id}";
}

public sealed record InfoEditionModel(string Edition, DateOnly? IssuedOn, string? Url, DateTime RecordedAt);

/// <summary>Loading an item for an editor, and who they are on its history.</summary>
public static class InfoEditAccess
{
    public static async Task<InfoItem> LoadAsync(ConsultDeskDbContext db, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var items = tracking ? db.InfoItems : db.InfoItems.AsNoTracking();
        return await items.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException("Info item");
    }

    public static void CheckVersion(InfoItem item, int? expected)
    {
        if (expected is { } version && version != item.Version) throw new PreconditionFailedException();
    }

    public static async Task<InfoActor> ActorAsync(ConsultDeskDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var id = user.RequiredId();
        var name = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new InfoActor(id, string.IsNullOrWhiteSpace(name) ? id.ToString() : name);
    }

    public static async Task<InfoItemModel> ModelAsync(ConsultDeskDbContext db, InfoItem item, CancellationToken cancellationToken)
    {
        var images = await db.InfoImages.AsNoTracking().Where(i => i.ItemId == item.Id).OrderBy(i => i.SortOrder)
            .Select(i => new InfoImageModel(i.Id, i.ContentType, i.Length, i.AltText, i.SortOrder)).ToListAsync(cancellationToken);
        var editions = (await db.InfoEditions.AsNoTracking().Where(e => e.ItemId == item.Id).ToListAsync(cancellationToken))
            .OrderByDescending(e => e.RecordedAt).Select(e => new InfoEditionModel(e.Edition, e.IssuedOn, e.Url, InfoItemModel.Utc(e.RecordedAt))).ToList();
        return InfoItemModel.Of(item, images, editions);
    }

    /// <summary>Runs the content rules of <paramref name="kind"/> and throws the field errors.</summary>
    public static async Task ValidateAsync(InfoKind kind, InfoContent content, LocalGovernmentDirectory directory, ConsultDeskDbContext db,
        CancellationToken cancellationToken, string prefix = "")
    {
        var result = await new InfoContentValidator(kind, directory, db).ValidateAsync(content, cancellationToken);
        if (!result.IsValid)
        {
            foreach (var failure in result.Errors) failure.PropertyName = prefix + failure.PropertyName;
            throw new ValidationException(result.Errors);
        }
    }

    public static Task<bool> SlugTakenAsync(ConsultDeskDbContext db, InfoKind kind, string slug, CancellationToken cancellationToken) =>
        db.InfoItems.AnyAsync(i => i.Kind == kind && i.Slug == slug, cancellationToken);
}
