using Framecast.Features.Accounts;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
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
        builder.Property(c => c.Tags).HasJsonConversion();
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
        builder.Property(s => s.Tags).HasJsonConversion();
    }
}
