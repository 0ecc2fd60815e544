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
        builder.Property(c => c.Phone).HasMaxLength(15);
        builder.Property(c => c.Title).HasMaxLength(200);
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

        // Per-address intake limit looks back one day from now.
        builder.HasIndex(c => new { c.EmailNormalized, c.SubmittedAt });
        builder.HasIndex(c => c.SubmittedAt);

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
