using ConsultDesk.Domain.Info;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConsultDesk.Data.Configurations;

public sealed class InfoItemConfiguration : IEntityTypeConfiguration<InfoItem>
{
    // Code lists (parties, topics, prefectures) are stored as space-separated codes: codes never contain a space, and
    // the finders query the InfoFacetValues rows, never these columns.
    private static readonly ValueConverter<List<string>, string> Codes = new(
        v => string.Join(' ', v), v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList());

    private static readonly ValueComparer<List<string>> CodesComparer = new(
        (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList());

    public void Configure(EntityTypeBuilder<InfoItem> builder)
    {
        builder.ToTable("InfoItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Property(i => i.Kind).HasConversion<WireEnumConverter<InfoKind>>().HasMaxLength(16);
        builder.Property(i => i.Status).HasConversion<WireEnumConverter<InfoStatus>>().HasMaxLength(16);
        builder.Property(i => i.Slug).HasMaxLength(InfoItem.MaxSlugLength).IsRequired();
        builder.Property(i => i.Title).HasMaxLength(InfoContent.MaxTitleLength).IsRequired();
        builder.Property(i => i.TitleEn).HasMaxLength(InfoContent.MaxTitleLength);
        builder.Property(i => i.Summary).HasMaxLength(InfoContent.MaxSummaryLength).IsRequired();
        builder.Property(i => i.SummaryEn).HasMaxLength(InfoContent.MaxSummaryLength);
        builder.Property(i => i.Body).HasMaxLength(InfoContent.MaxBodyLength).IsRequired();
        builder.Property(i => i.BodyEn).HasMaxLength(InfoContent.MaxBodyLength);
        builder.Property(i => i.Url).HasMaxLength(InfoContent.MaxUrlLength);
        builder.Property(i => i.Category).HasMaxLength(32);
        builder.Property(i => i.Ministry).HasMaxLength(32);
        builder.Property(i => i.Parties).HasConversion(Codes, CodesComparer).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Topics).HasConversion(Codes, CodesComparer).HasMaxLength(400).IsRequired();
        builder.Property(i => i.Prefectures).HasConversion(Codes, CodesComparer).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Publisher).HasMaxLength(InfoContent.MaxNameLength);
        builder.Property(i => i.Edition).HasMaxLength(InfoContent.MaxEditionLength);
        builder.Property(i => i.MunicipalityCode).HasMaxLength(6);
        builder.Property(i => i.OrganizationName).HasMaxLength(InfoContent.MaxNameLength);
        builder.Ignore(i => i.Content);
        builder.Ignore(i => i.IsPublic);
        builder.HasIndex(i => new { i.Kind, i.Slug }).IsUnique();
        // The finders: published items of a kind, newest first or by application deadline.
        builder.HasIndex(i => new { i.Kind, i.Status, i.PublishedAt });
        builder.HasIndex(i => new { i.Kind, i.Status, i.ApplicationClosesOn });
        // The publish sweep: scheduled items whose time has come.
        builder.HasIndex(i => new { i.Status, i.PublishAt });
        // The desk list: everything of a kind by last change.
        builder.HasIndex(i => new { i.Kind, i.UpdatedAt });
        // The portal's version (count, last change, sum of row versions) read on every finder request: a covering index
        // makes it a scan of small index entries instead of the rows with their bodies (7 ms → 1 ms at 10^4 on SQLite).
        builder.HasIndex(i => new { i.UpdatedAt, i.Version });
    }
}

public sealed class InfoRevisionConfiguration : IEntityTypeConfiguration<InfoRevision>
{
    public void Configure(EntityTypeBuilder<InfoRevision> builder)
    {
        builder.ToTable("InfoRevisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Action).HasConversion<WireEnumConverter<InfoRevisionAction>>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<WireEnumConverter<InfoStatus>>().HasMaxLength(16);
        builder.Property(r => r.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.ChangedFields).HasMaxLength(1000).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(InfoRevision.MaxNoteLength);
        builder.Property(r => r.Snapshot).IsRequired();
        builder.Ignore(r => r.Content);
        // One number per item: two editors saving at once cannot both write revision N.
        builder.HasIndex(r => new { r.ItemId, r.Number }).IsUnique();
        builder.HasOne<InfoItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InfoEditionConfiguration : IEntityTypeConfiguration<InfoEdition>
{
    public void Configure(EntityTypeBuilder<InfoEdition> builder)
    {
        builder.ToTable("InfoEditions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Edition).HasMaxLength(InfoContent.MaxEditionLength).IsRequired();
        builder.Property(e => e.Url).HasMaxLength(InfoContent.MaxUrlLength);
        builder.HasIndex(e => new { e.ItemId, e.RecordedAt });
        builder.HasOne<InfoItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InfoImageConfiguration : IEntityTypeConfiguration<InfoImage>
{
    public void Configure(EntityTypeBuilder<InfoImage> builder)
    {
        builder.ToTable("InfoImages");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(i => i.ContentType).HasMaxLength(64).IsRequired();
        builder.Property(i => i.AltText).HasMaxLength(InfoImage.MaxAltLength).IsRequired();
        builder.HasIndex(i => new { i.ItemId, i.SortOrder });
        builder.HasOne<InfoItem>().WithMany().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InfoFacetValueConfiguration : IEntityTypeConfiguration<InfoFacetValue>
{
    public void Configure(EntityTypeBuilder<InfoFacetValue> builder)
    {
        builder.ToTable("InfoFacetValues");
        builder.HasKey(f => new { f.ItemId, f.Facet, f.Value });
        builder.Property(f => f.Facet).HasMaxLength(32);
        builder.Property(f => f.Value).HasMaxLength(InfoFacetValue.MaxValueLength);
        // Filtering by a value (the items that have it) and counting per value.
        builder.HasIndex(f => new { f.Facet, f.Value, f.ItemId });
        builder.HasOne<InfoItem>().WithMany().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InfoLinkConfiguration : IEntityTypeConfiguration<InfoLink>
{
    public void Configure(EntityTypeBuilder<InfoLink> builder)
    {
        builder.ToTable("InfoLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Url).HasMaxLength(InfoContent.MaxUrlLength).IsRequired();
        builder.Property(l => l.Host).HasMaxLength(255).IsRequired();
        builder.Property(l => l.State).HasConversion<WireEnumConverter<LinkState>>().HasMaxLength(16);
        builder.Property(l => l.FinalUrl).HasMaxLength(InfoContent.MaxUrlLength);
        builder.Property(l => l.Redirects).HasMaxLength(InfoContent.MaxUrlLength * 5);
        builder.Property(l => l.Detail).HasMaxLength(InfoLink.MaxDetailLength);
        builder.HasIndex(l => new { l.ItemId, l.Url }).IsUnique();
        // The editors' broken-link list, and the weekly run's "not checked within a day".
        builder.HasIndex(l => new { l.State, l.CheckedAt });
        builder.HasIndex(l => l.CheckedAt);
        builder.HasOne<InfoItem>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InfoSearchDocumentConfiguration : IEntityTypeConfiguration<InfoSearchDocument>
{
    public void Configure(EntityTypeBuilder<InfoSearchDocument> builder)
    {
        // The full-text indexes over Tokens are provider-specific and live in the InfoPortal migrations (FTS5 / GIN).
        builder.ToTable("InfoSearchDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.Tokens).IsRequired();
        builder.Property(d => d.Text).IsRequired();
        builder.HasIndex(d => d.ItemId).IsUnique();
        builder.HasOne<InfoItem>().WithOne().HasForeignKey<InfoSearchDocument>(d => d.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
