using System.Text.Json.Serialization;
using Framecast.Features.Live;
using Framecast.Features.Videos;

namespace Framecast.Features.Social;

/// <summary>The caller's like of a video and the video's count.</summary>
public sealed record LikeResponse(bool Liked, long Likes);

/// <summary>Whether the caller follows a channel, and the channel's count.</summary>
public sealed record SubscriptionResponse(bool Following, long Followers);

/// <summary>A channel the caller follows.</summary>
public sealed record SubscriptionItem(string Username, long Followers, bool Live, DateTime FollowedAt);

/// <summary>One entry of the feed: a video (<c>type: "video"</c>) or a broadcast (<c>type: "live"</c>), at when it was published or started.</summary>
public sealed record FeedItem(
    string Type,
    DateTime At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VideoResponse? Video,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LiveSessionResponse? Live);
