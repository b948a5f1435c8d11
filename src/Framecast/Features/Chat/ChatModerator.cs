namespace Framecast.Features.Chat;

/// <summary>A user the channel's owner named to moderate its chat and its videos' danmaku.</summary>
public sealed class ChatModerator
{
    public required string ChannelId { get; init; }
    public required string UserId { get; init; }
    public DateTime AddedAt { get; init; }
}
