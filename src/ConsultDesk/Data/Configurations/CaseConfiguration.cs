using System.Text.Json;
using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Reference).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.Version).IsConcurrencyToken();

        builder.Property(c => c.OrganizationName).HasMaxLength(200);
        builder.Property(c => c.OrganizationNameKana).HasMaxLength(200);
        builder.Property(c => c.Department).HasMaxLength(200);
        builder.Property(c => c.LocalGovernmentCode).HasMaxLength(6).IsFixedLength();
        builder.Property(c => c.Industry).HasMaxLength(1).IsFixedLength();
        builder.Property(c => c.FamilyName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.GivenName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.FamilyNameKana).HasMaxLength(100).IsRequired();
        builder.Property(c => c.GivenNameKana).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(254).IsRequired();
        builder.Property(c => c.EmailNormalized).HasMaxLength(254).IsRequired();
        builder.Property(c => c.EmailKey).HasMaxLength(254).IsRequired();
        builder.Property(c => c.Phone).HasMaxLength(15);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.PostalCode).HasMaxLength(7);
        builder.Property(c => c.AddressMunicipality).HasMaxLength(100);
        builder.Property(c => c.AddressStreet).HasMaxLength(200);
        builder.Property(c => c.AddressBuilding).HasMaxLength(200);
        builder.Property(c => c.PrefectureCode).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(c => c.Subject).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.Message).IsRequired();
        builder.Ignore(c => c.ContactName);

        builder.Property(c => c.PreferredSlots)
            .HasConversion(
                slots => JsonSerializer.Serialize(slots, Wire.JsonOptions),
                json => JsonSerializer.Deserialize<List<TimeSlot>>(json, Wire.JsonOptions) ?? new List<TimeSlot>(),
                new ValueComparer<IReadOnlyList<TimeSlot>>(
                    (a, b) => a!.SequenceEqual(b!),
                    slots => slots.Aggregate(0, (hash, slot) => HashCode.Combine(hash, slot.GetHashCode())),
                    slots => slots.ToList()))
            .IsRequired();

        builder.Ignore(c => c.IsOpen);
        builder.Property(c => c.StatusBeforeWaiting).HasConversion<WireEnumConverter<CaseStatus>>().HasMaxLength(32);
        builder.HasOne<Domain.Users.User>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);

        // The queue: each filter and sort has an index that leads with it and ends with the id for keyset paging.
        // (The reference, unique and ordered, is the tie-breaker: EF translates string comparisons, not Guid ones.)
        builder.HasIndex(c => new { c.Status, c.DueAt, c.Reference });
        builder.HasIndex(c => new { c.AssigneeId, c.Status, c.DueAt });
        // Covering on PostgreSQL (SQLite has no INCLUDE): a search walks the open cases in due order through this index
        // alone, without reading each case's row for its status and id (at 10^6: search p95 110 → 54 ms).
        builder.HasIndex(c => new { c.DueAt, c.Reference }).IncludeProperties(c => new { c.Status, c.Id });
        builder.HasIndex(c => new { c.SubmittedAt, c.Reference });
        builder.HasIndex(c => new { c.UpdatedAt, c.Reference });
        builder.HasIndex(c => new { c.Status, c.SubmittedAt, c.Reference });
        builder.HasIndex(c => new { c.Status, c.UpdatedAt, c.Reference });
        // A filter with a sort walks the sort in order and skips closed cases (they sort last by due time, and are few among
        // the recently updated), instead of sorting every case of a consultant or prefecture (≈90 ms and 380 ms at 10^6).
        builder.HasIndex(c => new { c.AssigneeId, c.DueAt, c.Reference });
        builder.HasIndex(c => new { c.AssigneeId, c.UpdatedAt, c.Reference });
        builder.HasIndex(c => new { c.PrefectureCode, c.DueAt, c.Reference });
        builder.HasIndex(c => new { c.PrefectureCode, c.UpdatedAt, c.Reference });
        builder.HasIndex(c => new { c.InquirerType, c.DueAt, c.Reference });
        builder.HasIndex(c => new { c.InquirerType, c.UpdatedAt, c.Reference });
        // The queue's capped count (first 1,001 matches, any order) of a filter among the open statuses reads only an index:
        // without the status beside the filter it checked each case's status in the table (prefectureCode=13 at 10^6:
        // ~17,000 rows, 849 ms cold on SQLite and 67 ms on PostgreSQL, against ~1 ms), and a topic count joined CaseTopics
        // (193 ms and 789 ms); the topic is now a bit of TopicMask, tested in this index.
        builder.HasIndex(c => new { c.PrefectureCode, c.Status });
        builder.HasIndex(c => new { c.InquirerType, c.Status });
        builder.HasIndex(c => new { c.Status, c.TopicMask });
        builder.HasIndex(c => new { c.InquirerType, c.SubmittedAt });
        builder.HasIndex(c => new { c.PrefectureCode, c.SubmittedAt });

        // Per-address intake limit looks back one day from now.
        // The per-address intake limit counts by the key.
        builder.HasIndex(c => new { c.EmailKey, c.SubmittedAt });
        // The queue's exact lookups (CaseLookup): by EmailKey (the index above), by phone (digits only) and by reference.
        builder.HasIndex(c => c.Phone);

        builder.HasMany(c => c.Topics).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Topics).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class CaseTopicConfiguration : IEntityTypeConfiguration<CaseTopic>
{
    public void Configure(EntityTypeBuilder<CaseTopic> builder)
    {
        builder.ToTable("CaseTopics");
        builder.HasKey(t => new { t.CaseId, t.Topic });
        builder.Property(t => t.Topic).HasMaxLength(32);
        builder.HasIndex(t => new { t.Topic, t.CaseId });
    }
}

public sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Type).HasMaxLength(32).IsRequired();
        builder.Property(t => t.Content).IsRequired();
        builder.HasIndex(t => new { t.CaseId, t.At });
    }
}

public sealed class ReferenceSequenceConfiguration : IEntityTypeConfiguration<ReferenceSequence>
{
    public void Configure(EntityTypeBuilder<ReferenceSequence> builder)
    {
        builder.ToTable("ReferenceSequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}

public sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("Consultations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Attendees).HasMaxLength(500).IsRequired();
        builder.Property(c => c.Summary).IsRequired();
        builder.Property(c => c.NextSteps).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.CaseId, c.StartsAt });
    }
}

public sealed class SupportTaskConfiguration : IEntityTypeConfiguration<SupportTask>
{
    public void Configure(EntityTypeBuilder<SupportTask> builder)
    {
        builder.ToTable("SupportTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Title).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Checklist)
            .HasConversion(
                items => JsonSerializer.Serialize(items, Wire.JsonOptions),
                json => JsonSerializer.Deserialize<List<ChecklistItem>>(json, Wire.JsonOptions) ?? new List<ChecklistItem>(),
                new ValueComparer<List<ChecklistItem>>((a, b) => a!.SequenceEqual(b!), items => items.Aggregate(0, (h, i) => HashCode.Combine(h, i.GetHashCode())), items => items.ToList()))
            .IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.CaseId, t.CreatedAt });
    }
}

public sealed class CaseSearchDocumentConfiguration : IEntityTypeConfiguration<CaseSearchDocument>
{
    public void Configure(EntityTypeBuilder<CaseSearchDocument> builder)
    {
        // The full-text indexes over Tokens are provider-specific and live in the migrations (FTS5 / GIN).
        builder.ToTable("CaseSearchDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Tokens).IsRequired();
        builder.Property(d => d.Text).IsRequired();
        builder.HasIndex(d => d.CaseId).IsUnique();
        builder.HasOne<Case>().WithOne().HasForeignKey<CaseSearchDocument>(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OpenCaseSearchDocumentConfiguration : IEntityTypeConfiguration<OpenCaseSearchDocument>
{
    public void Configure(EntityTypeBuilder<OpenCaseSearchDocument> builder)
    {
        // Written only by the triggers of migrations OpenCaseSearch and OpenCaseSearchPlace; the full-text index over it is
        // provider-specific too.
        builder.ToTable("OpenCaseSearchDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Tokens).IsRequired();
        builder.Property(d => d.Text).IsRequired();
        builder.Property(d => d.Reference).HasMaxLength(20).IsRequired();
        builder.HasIndex(d => d.CaseId).IsUnique();
        // A search walk of the open cases reads the copy in due order (CaseSearchQuery.OpenInDueOrder).
        builder.HasIndex(d => new { d.DueAt, d.Reference });
        builder.HasOne<CaseSearchDocument>().WithOne().HasForeignKey<OpenCaseSearchDocument>(d => d.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
