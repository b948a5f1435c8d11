using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

public sealed class ChatConfiguration :
    IEntityTypeConfiguration<ChatMessage>, IEntityTypeConfiguration<Danmaku>, IEntityTypeConfiguration<ChatModerator>,
    IEntityTypeConfiguration<ChatBan>, IEntityTypeConfiguration<ChatSettings>, IEntityTypeConfiguration<ModerationEntry>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.HasKey(m => m.Id);
        builder.HasOne<LiveSession>().WithMany().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Danmaku> builder)
    {
        builder.ToTable("danmaku");
        builder.HasKey(d => d.Id);
        builder.HasOne<Video>().WithMany().HasForeignKey(d => d.VideoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ChatModerator> builder)
    {
        builder.ToTable("chat_moderators");
        builder.HasKey(m => new { m.ChannelId, m.UserId });
    }

    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ChatBan> builder)
    {
        builder.ToTable("chat_bans");
        builder.HasKey(b => new { b.ChannelId, b.UserId });
    }

    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ChatSettings> builder)
    {
        builder.ToTable("chat_settings");
        builder.HasKey(s => s.ChannelId);
        builder.Property(s => s.BlockedWords).HasJsonConversion();
    }

    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ModerationEntry> builder)
    {
        builder.ToTable("moderation_log");
        builder.HasKey(e => e.Id);
    }
}
