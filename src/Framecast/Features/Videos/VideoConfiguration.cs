using Framecast.Features.Accounts;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Features.Videos;

public sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> builder)
    {
        builder.ToTable("videos");
        builder.HasKey(v => v.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Visibility).HasConversion(new LowercaseEnumConverter<Visibility>());
        builder.Property(v => v.Status).HasConversion(new LowercaseEnumConverter<VideoStatus>());
        builder.Property(v => v.Stage).HasConversion(new LowercaseEnumConverter<ProcessingStage>());
        builder.Property(v => v.Tags).HasJsonConversion();
        builder.Property(v => v.Renditions).HasJsonConversion();
        builder.HasIndex(v => new { v.Status, v.Visibility, v.CreatedAt, v.Id });
        builder.HasIndex(v => new { v.OwnerId, v.CreatedAt, v.Id });
    }
}
