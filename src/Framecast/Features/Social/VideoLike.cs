namespace Framecast.Features.Social;

/// <summary>One account's like of one video (the video's <c>like_count</c> moves with these rows).</summary>
public sealed class VideoLike
{
    public required string VideoId { get; init; }
    public required string UserId { get; init; }
    public DateTime CreatedAt { get; init; }
}
