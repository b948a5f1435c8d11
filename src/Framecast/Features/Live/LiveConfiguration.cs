using System.Text.Json;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Features.Live;

public sealed class LiveChannelConfiguration : IEntityTypeConfiguration<LiveChannel>
{
    public void Configure(EntityTypeBuilder<LiveChannel> builder)
    {
        builder.ToTable("live_channels");
        builder.HasKey(c => c.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.StreamKey).IsUnique();
        LiveTags.Map(builder.Property(c => c.Tags));
    }
}

public sealed class LiveSessionConfiguration : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> builder)
    {
        builder.ToTable("live_sessions");
        builder.HasKey(s => s.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Status).HasConversion(new LowercaseEnumConverter<LiveSessionStatus>());
        LiveTags.Map(builder.Property(s => s.Tags));
    }
}

internal static class LiveTags
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A small list kept as JSON text, like a video's tags.</summary>
    public static void Map(PropertyBuilder<List<string>> property) => property.HasConversion(
        v => JsonSerializer.Serialize(v, Json),
        v => JsonSerializer.Deserialize<List<string>>(v, Json) ?? new List<string>(),
        new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()));
}
