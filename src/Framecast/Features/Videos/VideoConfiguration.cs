using System.Text.Json;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Features.Videos;

public sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Video> builder)
    {
        builder.ToTable("videos");
        builder.HasKey(v => v.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Visibility).HasConversion(new LowercaseEnumConverter<Visibility>());
        builder.Property(v => v.Status).HasConversion(new LowercaseEnumConverter<VideoStatus>());
        builder.Property(v => v.Stage).HasConversion(new LowercaseEnumConverter<ProcessingStage>());
        // Small lists kept as JSON text: portable across both providers and never queried by element.
        builder.Property(v => v.Tags).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<string>>(v, Json) ?? new List<string>(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()));
        builder.Property(v => v.Renditions).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<Rendition>>(v, Json) ?? new List<Rendition>(),
            new ValueComparer<List<Rendition>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, r) => HashCode.Combine(h, r)), v => v.ToList()));
        builder.HasIndex(v => new { v.Status, v.Visibility, v.CreatedAt, v.Id });
        builder.HasIndex(v => new { v.OwnerId, v.CreatedAt, v.Id });
    }
}
