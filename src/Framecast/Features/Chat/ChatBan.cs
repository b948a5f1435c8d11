namespace Framecast.Features.Chat;

/// <summary>An account barred from a channel's chat and danmaku, until a moment or for good (<see cref="Until"/> null).</summary>
public sealed class ChatBan
{
    public required string ChannelId { get; init; }
    public required string UserId { get; init; }
    public DateTime? Until { get; set; }
    public required string Reason { get; set; }
    public required string ById { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool ActiveAt(DateTime now) => Until is null || Until > now;
}
