namespace Framecast.Features.Live;

/// <summary>One broadcast: from the first publish to the end (reconnects within the window stay in it).</summary>
public sealed class LiveSession
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public LiveSessionStatus Status { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public bool Record { get; set; }

    /// <summary>The node whose RTMP listener holds the publisher and whose memory holds the playlists.</summary>
    public required string Node { get; init; }

    /// <summary>The holding node's HTTP address for other nodes (<c>Live:InternalUrl</c>), which relay its playlists and parts.</summary>
    public string? NodeUrl { get; init; }

    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; set; }

    /// <summary>Renewed while the node keeps the broadcast; a stale one belongs to a node that died.</summary>
    public DateTime HeartbeatAt { get; set; }

    public int Disconnects { get; set; }

    /// <summary>Distinct viewers seen in the last <see cref="Broadcasts.LiveViewers.Window"/>, counted by the node that holds the broadcast.</summary>
    public int Viewers { get; set; }

    public int PeakViewers { get; set; }

    /// <summary>The video the broadcast's recording became (processing, then ready).</summary>
    public string? RecordingVideoId { get; set; }
}
