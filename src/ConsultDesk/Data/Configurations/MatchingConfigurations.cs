using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class MunicipalityProfileConfiguration : IEntityTypeConfiguration<MunicipalityProfile>
{
    public void Configure(EntityTypeBuilder<MunicipalityProfile> builder)
    {
        builder.ToTable("MunicipalityProfiles");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(6);
        builder.Property(p => p.Name).HasMaxLength(100).IsRequired();
        builder.Property(p => p.NameKana).HasMaxLength(100).IsRequired();
        builder.Property(p => p.PrefectureCode).HasMaxLength(2).IsRequired();
        builder.Property(p => p.Region).HasMaxLength(16).IsRequired();
        builder.Property(p => p.ContactDepartment).HasMaxLength(200).IsRequired();
        builder.Property(p => p.ContactEmail).HasMaxLength(254).IsRequired();
        builder.Property(p => p.ContactPhone).HasMaxLength(20);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasMany(p => p.Offices).WithOne().HasForeignKey(o => o.MunicipalityCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Incentives).WithOne().HasForeignKey(i => i.MunicipalityCode).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Offices).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(p => p.Incentives).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Listing and the public directory: published profiles by prefecture, in code order (keyset paging).
        builder.HasIndex(p => new { p.IsPublished, p.PrefectureCode, p.Code });
        builder.HasIndex(p => new { p.IsPublished, p.Region, p.Code });
        // Proposing a match by name or reading (SearchMunicipalities): prefix searches.
        builder.HasIndex(p => p.Name);
        builder.HasIndex(p => p.NameKana);
    }
}

public sealed class SatelliteOfficeConfiguration : IEntityTypeConfiguration<SatelliteOffice>
{
    public void Configure(EntityTypeBuilder<SatelliteOffice> builder)
    {
        builder.ToTable("SatelliteOffices");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.MunicipalityCode).HasMaxLength(6);
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Address).HasMaxLength(300).IsRequired();
        builder.Property(o => o.OpeningHours).HasMaxLength(200).IsRequired();
        builder.HasIndex(o => o.MunicipalityCode);
    }
}

public sealed class IncentiveConfiguration : IEntityTypeConfiguration<Incentive>
{
    public void Configure(EntityTypeBuilder<Incentive> builder)
    {
        builder.ToTable("Incentives");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.MunicipalityCode).HasMaxLength(6);
        builder.Property(i => i.Name).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Rate).HasMaxLength(50);
        builder.Property(i => i.Eligibility).HasMaxLength(1000).IsRequired();
        builder.HasIndex(i => i.MunicipalityCode);
    }
}

public sealed class CompanyNeedsConfiguration : IEntityTypeConfiguration<CompanyNeeds>
{
    public void Configure(EntityTypeBuilder<CompanyNeeds> builder)
    {
        builder.ToTable("CompanyNeeds");
        builder.HasKey(n => n.CaseId);
        builder.Property(n => n.Industry).HasMaxLength(2);
        builder.Property(n => n.Timing).HasMaxLength(100);
        builder.Property(n => n.Notes).HasMaxLength(2000);
        builder.HasOne<Case>().WithOne().HasForeignKey<CompanyNeeds>(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MatchProposalConfiguration : IEntityTypeConfiguration<MatchProposal>
{
    public void Configure(EntityTypeBuilder<MatchProposal> builder)
    {
        builder.ToTable("MatchProposals");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.MunicipalityCode).HasMaxLength(6).IsRequired();
        builder.Property(p => p.Note).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.CaseId);
        builder.HasIndex(p => p.MunicipalityCaseId);
        builder.HasIndex(p => new { p.MunicipalityCode, p.Status });
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MunicipalityProfile>().WithMany().HasForeignKey(p => p.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
    }
}
