namespace Framecast.Features.Chat;

/// <summary>A comment pinned to a moment of a video, flying over the player when playback reaches it.</summary>
public sealed class Danmaku
{
    public required string Id { get; init; }
    public required string VideoId { get; init; }
    public required string AuthorId { get; init; }
    public long OffsetMs { get; init; }
    public required string Text { get; init; }
    public required string Mode { get; init; }
    public required string Color { get; init; }
    public required string Size { get; init; }
    public DateTime SentAt { get; init; }
}
