namespace Framecast.Features.Social;

/// <summary>An account following a channel (the channel's <c>follower_count</c> moves with these rows).</summary>
public sealed class Follow
{
    public required string FollowerId { get; init; }
    public required string ChannelId { get; init; }
    public DateTime CreatedAt { get; init; }
}
