using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Features.Discovery;

public sealed class WatchEntryConfiguration : IEntityTypeConfiguration<WatchEntry>
{
    public void Configure(EntityTypeBuilder<WatchEntry> builder)
    {
        builder.ToTable("watch_history");
        builder.HasKey(e => new { e.UserId, e.VideoId });
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Video>().WithMany().HasForeignKey(e => e.VideoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.UserId, e.UpdatedAt, e.VideoId });
    }
}

public sealed class HistorySettingsConfiguration : IEntityTypeConfiguration<HistorySettings>
{
    public void Configure(EntityTypeBuilder<HistorySettings> builder)
    {
        builder.ToTable("history_settings");
        builder.HasKey(s => s.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TrendingEntryConfiguration : IEntityTypeConfiguration<TrendingEntry>
{
    public void Configure(EntityTypeBuilder<TrendingEntry> builder)
    {
        builder.ToTable("trending");
        // Written only in bulk by TrendingCalculator's SQL; the overall list's tag is NULL, so no key.
        builder.HasNoKey();
    }
}
