using ConsultDesk.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.ToTable("SavedViews");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Name).HasMaxLength(SavedView.MaxNameLength).IsRequired();
        builder.Property(v => v.Query).HasMaxLength(SavedView.MaxQueryLength).IsRequired();
        // A user's views are listed by name, and a name is theirs once.
        builder.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
