namespace Framecast.Features.Chat;

/// <summary>A message in a broadcast's chat (shown beside the player and flying over it as barrage).</summary>
public sealed class ChatMessage
{
    public required string Id { get; init; }
    public required string SessionId { get; init; }

    /// <summary>The broadcasting channel's user id: bans, moderators and slow mode are per channel.</summary>
    public required string ChannelId { get; init; }
    public required string AuthorId { get; init; }
    public required string Text { get; init; }
    public required string Mode { get; init; }
    public required string Color { get; init; }
    public DateTime SentAt { get; init; }
}
