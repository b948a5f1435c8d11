using Framecast.Features.Live.Broadcasts;

namespace Framecast.Features.Live;

/// <summary>GET /api/v1/me/live: the owner's settings, key, and the broadcast going on now (with its ingest health when this node holds it).</summary>
public sealed record LiveSettingsResponse(
    string Title, string Description, IReadOnlyList<string> Tags, bool Record, string RtmpUrl, string StreamKey,
    string? LastError, DateTime? LastErrorAt, LiveSessionResponse? Broadcast);

public sealed record LiveChannelRef(string Username);

/// <summary>A live session as API.md describes it; <c>thumbnailUrl</c> is null until its first picture is made (and once it ended).</summary>
public sealed record LiveSessionResponse(
    string SessionId, LiveChannelRef Channel, string Title, string Status, DateTime StartedAt, DateTime? EndedAt, int Viewers, int PeakViewers,
    string? ThumbnailUrl, string HlsUrl, string? RecordingVideoId, IReadOnlyList<string>? Renditions, BroadcastHealthResponse? Health)
{
    public static string HlsUrlOf(string username) => $"/live/{Uri.EscapeDataString(username)}/master.m3u8";
}
