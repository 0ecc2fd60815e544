using ConsultDesk.Domain.Declarations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class DeclarationConfiguration : IEntityTypeConfiguration<Declaration>
{
    /// <summary>The same predicate text on SQLite and PostgreSQL, and what the public list's WHERE says.</summary>
    private const string ListedFilter = "\"Listed\"";

    public void Configure(EntityTypeBuilder<Declaration> builder)
    {
        builder.ToTable("Declarations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.OrganizationName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.OrganizationNameKana).HasMaxLength(200).IsRequired();
        builder.Property(d => d.CorporateNumber).HasMaxLength(13);
        builder.Property(d => d.PrefectureCode).HasMaxLength(2).IsRequired();
        builder.Property(d => d.Industry).HasMaxLength(64).IsRequired();
        builder.Property(d => d.ContactEmail).HasMaxLength(254).IsRequired();
        builder.Property(d => d.EmailKey).HasMaxLength(254).IsRequired();
        builder.Property(d => d.PublicName).HasMaxLength(200);
        builder.Property(d => d.PublicNameKana).HasMaxLength(200);
        builder.Property(d => d.PublicPrefectureCode).HasMaxLength(2);
        builder.Property(d => d.PublicLocalGovernmentCode).HasMaxLength(6);
        builder.Property(d => d.PublicIndustry).HasMaxLength(64);
        builder.Ignore(d => d.HasPendingChange);
        builder.Ignore(d => d.ConfirmationExpiresAt);

        // The desk's queue: by state, oldest submission first; the unconfirmed sweep reads (Status, CreatedAt).
        builder.HasIndex(d => new { d.Status, d.SubmittedAt, d.Id });
        builder.HasIndex(d => new { d.Status, d.CreatedAt });
        // The review queue's other filters, each within submission order: a prefecture, an industry, 要確認.
        builder.HasIndex(d => new { d.PrefectureCode, d.SubmittedAt, d.Id });
        builder.HasIndex(d => new { d.Industry, d.SubmittedAt, d.Id });
        builder.HasIndex(d => d.NeedsAttentionSince);
        builder.HasIndex(d => d.Number).IsUnique();
        // Links between the desk's cases and declarations: the same 法人番号 or contact mailbox.
        builder.HasIndex(d => d.CorporateNumber);
        builder.HasIndex(d => d.EmailKey);
        // The public list pages by number (newest first), alone or within one facet. Partial indexes over the listed
        // rows: with Listed as a leading column, SQLite reads "WHERE Listed" as a skip-scan and sorted every match in a
        // temporary B-tree (measured at 10^5: 405 ms for one prefecture against under 1 ms).
        builder.HasIndex(d => d.Number, "IX_Declarations_Listed_Number").HasFilter(ListedFilter);
        builder.HasIndex(d => new { d.PublicPrefectureCode, d.Number }, "IX_Declarations_Listed_PublicPrefectureCode_Number").HasFilter(ListedFilter);
        builder.HasIndex(d => new { d.PublicIndustry, d.Number }, "IX_Declarations_Listed_PublicIndustry_Number").HasFilter(ListedFilter);
        builder.HasIndex(d => new { d.PublicSize, d.Number }, "IX_Declarations_Listed_PublicSize_Number").HasFilter(ListedFilter);
        // The public list's ETag reads the latest publication and withdrawal (GetPublicDeclarationsVersion).
        builder.HasIndex(d => d.PublishedAt);
        builder.HasIndex(d => d.WithdrawnAt);
        // The yearly check's two sweeps.
        builder.HasIndex(d => d.NextCheckDueAt);
        builder.HasIndex(d => d.CheckRequestedAt);
        // The reports count declarations by acceptance date (per month, prefecture, industry, item).
        builder.HasIndex(d => d.AcceptedAt);
    }
}

public sealed class DeclarationVersionConfiguration : IEntityTypeConfiguration<DeclarationVersion>
{
    public void Configure(EntityTypeBuilder<DeclarationVersion> builder)
    {
        builder.ToTable("DeclarationVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Content).IsRequired();
        builder.HasIndex(v => new { v.DeclarationId, v.Number }).IsUnique();
        builder.HasOne<Declaration>().WithMany().HasForeignKey(v => v.DeclarationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DeclarationEventConfiguration : IEntityTypeConfiguration<DeclarationEvent>
{
    public void Configure(EntityTypeBuilder<DeclarationEvent> builder)
    {
        builder.ToTable("DeclarationEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(32).IsRequired();
        builder.Property(e => e.Content).IsRequired();
        builder.HasIndex(e => new { e.DeclarationId, e.At });
        builder.HasOne<Declaration>().WithMany().HasForeignKey(e => e.DeclarationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DeclarationTokenConfiguration : IEntityTypeConfiguration<DeclarationToken>
{
    public void Configure(EntityTypeBuilder<DeclarationToken> builder)
    {
        builder.ToTable("DeclarationTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.DeclarationId);
        builder.HasOne<Declaration>().WithMany().HasForeignKey(t => t.DeclarationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DeclarationPublicItemConfiguration : IEntityTypeConfiguration<DeclarationPublicItem>
{
    public void Configure(EntityTypeBuilder<DeclarationPublicItem> builder)
    {
        builder.ToTable("DeclarationPublicItems");
        builder.HasKey(i => new { i.DeclarationId, i.ItemCode });
        builder.Property(i => i.ItemCode).HasMaxLength(DeclarationItem.MaxCodeLength);
        // The list filtered by one commitment item, newest number first.
        builder.HasIndex(i => new { i.ItemCode, i.Number });
        builder.HasOne<Declaration>().WithMany().HasForeignKey(i => i.DeclarationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DeclarationSearchDocumentConfiguration : IEntityTypeConfiguration<DeclarationSearchDocument>
{
    public void Configure(EntityTypeBuilder<DeclarationSearchDocument> builder)
    {
        // The full-text indexes over Tokens are provider-specific and live in the DeclarationSearch migrations (FTS5 / GIN).
        builder.ToTable("DeclarationSearchDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Tokens).IsRequired();
        builder.Property(d => d.Text).IsRequired();
        builder.HasIndex(d => d.DeclarationId).IsUnique();
        builder.HasOne<Declaration>().WithOne().HasForeignKey<DeclarationSearchDocument>(d => d.DeclarationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DeclarationNumberSequenceConfiguration : IEntityTypeConfiguration<DeclarationNumberSequence>
{
    public void Configure(EntityTypeBuilder<DeclarationNumberSequence> builder)
    {
        builder.ToTable("DeclarationNumberSequences");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

public sealed class DeclarationItemConfiguration : IEntityTypeConfiguration<DeclarationItem>
{
    public void Configure(EntityTypeBuilder<DeclarationItem> builder)
    {
        builder.ToTable("DeclarationItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Code).HasMaxLength(DeclarationItem.MaxCodeLength).IsRequired();
        builder.Property(i => i.LabelJa).HasMaxLength(DeclarationItem.MaxLabelLength).IsRequired();
        builder.Property(i => i.LabelEn).HasMaxLength(DeclarationItem.MaxLabelLength).IsRequired();
        builder.Property(i => i.DescriptionJa).HasMaxLength(DeclarationItem.MaxDescriptionLength);
        builder.Property(i => i.DescriptionEn).HasMaxLength(DeclarationItem.MaxDescriptionLength);
        builder.Ignore(i => i.Marker);
        // The admin editor's version (If-Match): a save that lost a race with another admin's writes nothing.
        builder.Property(i => i.UpdatedAt).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Kind, i.Code }).IsUnique();
        builder.HasData(DeclarationItemSeed.Rows());
    }
}

/// <summary>
/// The items the form starts with. 【1】【2】【3】【5】 are the programme's own wording as declarants quote it; 【4】's
/// wording and the agreements' text are not published, so they are sample text (IsSample) for admins to replace.
/// </summary>
public static class DeclarationItemSeed
{
    private static readonly DateTime Seeded = new(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);

    public static object[] Rows() =>
    [
        Row("0193e7a0-0000-7000-8000-000000000001", DeclarationItemKind.Commitment, "1", "採用の優位性の確保・社員の離職防止",
            "Recruiting advantage and staff retention", null, null, false, 10),
        Row("0193e7a0-0000-7000-8000-000000000002", DeclarationItemKind.Commitment, "2", "地方人材の採用・育成",
            "Hiring and developing people in the regions", null, null, false, 20),
        Row("0193e7a0-0000-7000-8000-000000000003", DeclarationItemKind.Commitment, "3", "地域プロジェクトへの参加",
            "Taking part in regional projects", null, null, false, 30),
        Row("0193e7a0-0000-7000-8000-000000000004", DeclarationItemKind.Commitment, "4", "サテライトオフィス等の活用（サンプル文言）",
            "Using satellite offices (sample wording)", "この項目の正式な文言は未確認です。管理者が差し替えてください。",
            "The programme's wording of this item is unknown; an admin replaces it.", true, 40),
        Row("0193e7a0-0000-7000-8000-000000000005", DeclarationItemKind.Commitment, "5", "ワーケーション推進",
            "Promoting workations", null, null, false, 50),
        Row("0193e7a0-0000-7000-8000-000000000011", DeclarationItemKind.Agreement, "purpose",
            "地方創生テレワーク推進運動の趣旨に賛同し、取組を進めます。（サンプル文言）",
            "We support the aims of the regional-revitalisation telework movement and will act on them. (sample wording)", null, null, true, 10),
        Row("0193e7a0-0000-7000-8000-000000000012", DeclarationItemKind.Agreement, "publication",
            "［公開］と表示された項目がウェブサイトで公開されることに同意します。（サンプル文言）",
            "We agree that the fields marked [Public] are published on the website. (sample wording)", null, null, true, 20),
        Row("0193e7a0-0000-7000-8000-000000000013", DeclarationItemKind.Agreement, "antisocial-forces",
            "当団体は反社会的勢力に該当せず、また反社会的勢力と関係を有していません。（サンプル文言）",
            "Our organisation is not, and has no ties with, an anti-social force. (sample wording)", null, null, true, 30),
        Row("0193e7a0-0000-7000-8000-000000000014", DeclarationItemKind.Agreement, "privacy",
            "個人情報の取扱いに同意します。", "We agree to the handling of personal information.", null, null, false, 40),
    ];

    private static object Row(string id, DeclarationItemKind kind, string code, string labelJa, string labelEn, string? descriptionJa,
        string? descriptionEn, bool isSample, int sortOrder) => new
    {
        Id = Guid.Parse(id),
        Kind = kind,
        Code = code,
        LabelJa = labelJa,
        LabelEn = labelEn,
        DescriptionJa = descriptionJa,
        DescriptionEn = descriptionEn,
        IsSample = isSample,
        SortOrder = sortOrder,
        Active = true,
        UpdatedAt = Seeded,
    };
}
