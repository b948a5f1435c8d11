namespace Framecast.Features.Live;

/// <summary>
/// The job Live queues, in the transaction that creates a broadcast's row, when a channel goes live (a publisher that
/// reconnects within the window continues its broadcast and queues nothing). Live declares it and handles none.
/// </summary>
public sealed record LiveStarted(string SessionId, string ChannelUserId)
{
    public const string JobType = "live.started";
}
