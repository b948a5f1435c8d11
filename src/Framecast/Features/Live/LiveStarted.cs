namespace Framecast.Features.Live;

/// <summary>
/// The job Live queues, in the transaction that creates a broadcast's row, when a channel goes live (a publisher that
/// reconnects within the window continues its broadcast and queues nothing). Live declares it and handles none.
/// </summary>
public sealed record LiveStarted(string SessionId, string ChannelUserId)
{
    public const string JobType = "live.started";

    /// <summary>
    /// The job runs this long after the start, so a publisher refused for its codecs (an audio-only one is refused
    /// after five seconds) or gone at once is not announced: handlers skip a broadcast that ended sooner.
    /// </summary>
    public static readonly TimeSpan AnnounceAfter = TimeSpan.FromSeconds(10);

    /// <summary>Whether the broadcast was on long enough to be worth announcing (see <see cref="AnnounceAfter"/>).</summary>
    public static bool WorthAnnouncing(LiveSession session) =>
        session.EndedAt is not { } ended || ended - session.StartedAt >= AnnounceAfter;
}
