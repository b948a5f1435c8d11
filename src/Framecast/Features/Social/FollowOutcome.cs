namespace Framecast.Features.Social;

public enum FollowOutcome
{
    Done,

    /// <summary>No account has that name (404 <c>user.not_found</c>).</summary>
    ChannelNotFound,

    /// <summary>An account cannot follow itself (422 <c>follow.self</c>).</summary>
    Self,
}
