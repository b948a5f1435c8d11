using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Features.Gifts;

public sealed class GiftConfiguration : IEntityTypeConfiguration<Gift>, IEntityTypeConfiguration<GiftSend>
{
    public void Configure(EntityTypeBuilder<Gift> builder)
    {
        builder.ToTable("gifts");
        builder.HasKey(g => g.Id);
    }

    public void Configure(EntityTypeBuilder<GiftSend> builder)
    {
        builder.ToTable("gift_sends");
        builder.HasKey(s => s.Id);
        builder.HasOne<Gift>().WithMany().HasForeignKey(s => s.GiftId).OnDelete(DeleteBehavior.Restrict);
    }
}
