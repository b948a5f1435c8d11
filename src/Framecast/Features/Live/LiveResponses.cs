using Framecast.Features.Live.Broadcasts;

namespace Framecast.Features.Live;

/// <summary>GET /api/v1/me/live: the owner's settings, key, and the broadcast going on now (with its ingest health when this node holds it).</summary>
public sealed record LiveSettingsResponse(
    string Title, string Description, IReadOnlyList<string> Tags, bool Record, string RtmpUrl, string StreamKey,
    string? LastError, DateTime? LastErrorAt, LiveSessionResponse? Broadcast);

/// <summary>The broadcasting channel; <c>followers</c> where it costs nothing extra to say (null elsewhere).</summary>
public sealed record LiveChannelRef(string Username, long? Followers = null);

/// <summary>A live session as API.md describes it; <c>thumbnailUrl</c> is null until its first picture is made (and once it ended).</summary>
public sealed record LiveSessionResponse(
    string SessionId, LiveChannelRef Channel, string Title, string Status, DateTime StartedAt, DateTime? EndedAt, int Viewers, int PeakViewers,
    string? ThumbnailUrl, string HlsUrl, string? RecordingVideoId, IReadOnlyList<string>? Renditions, BroadcastHealthResponse? Health)
{
    public static string HlsUrlOf(string username) => $"/live/{Uri.EscapeDataString(username)}/master.m3u8";

    /// <param name="broadcast">This node's broadcast of the channel, if it holds one: its status is fresher than the row's.</param>
    public static LiveSessionResponse From(LiveSession session, LiveChannelRef channel, Broadcast? broadcast, bool withHealth, string? thumbnailUrl)
    {
        var here = broadcast?.SessionId == session.Id ? broadcast : null;
        return new LiveSessionResponse(session.Id, channel, session.Title, (here?.ReportedStatus ?? session.Status).ToString().ToLowerInvariant(),
            session.StartedAt, session.EndedAt, session.Viewers, session.PeakViewers, thumbnailUrl, HlsUrlOf(channel.Username), session.RecordingVideoId,
            here?.Rungs.Select(r => r.Name).ToList(), withHealth ? here?.Health.Snapshot() : null);
    }
}
