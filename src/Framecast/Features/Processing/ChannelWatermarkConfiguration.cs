using Framecast.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Features.Processing;

public sealed class ChannelWatermarkConfiguration : IEntityTypeConfiguration<ChannelWatermark>
{
    public void Configure(EntityTypeBuilder<ChannelWatermark> builder)
    {
        builder.ToTable("channel_watermarks");
        builder.HasKey(w => w.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.Position).HasConversion(
            p => WatermarkPositions.Name(p),
            s => WatermarkPositions.Parse(s) ?? WatermarkPosition.BottomRight);
        builder.Ignore(w => w.BlobKey);
    }
}
