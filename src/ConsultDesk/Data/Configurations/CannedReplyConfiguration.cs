using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> builder)
    {
        builder.ToTable("CannedReplies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(CannedReply.NameMaxLength).IsRequired();
        builder.Property(c => c.Body).HasMaxLength(CannedReply.BodyMaxLength).IsRequired();
        builder.Ignore(c => c.IsShared);
        // The composer's picker and the list page: the shared texts and one user's own, by name.
        builder.HasIndex(c => new { c.OwnerId, c.Name });
        builder.HasOne<Domain.Users.User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
