using Framecast.Features.Live.Rtmp;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>One RTMP connection's side of live: its key check, and its media handed to the broadcast it feeds.</summary>
public sealed class LivePublisher(LiveBroadcasts broadcasts, CancellationTokenSource connection) : IRtmpPublishHandler
{
    public Broadcast? Broadcast { get; private set; }

    public async Task<string?> AuthorizeAsync(string streamKey, CancellationToken cancellationToken)
    {
        // OBS and ffmpeg send the bare key; some tools append "?query" to the stream name.
        var key = streamKey.Split('?', 2)[0].Trim();
        var (broadcast, refusal) = await broadcasts.AttachAsync(key, connection, cancellationToken);
        Broadcast = broadcast;
        return refusal;
    }

    public Task OnMediaAsync(RtmpMessage message, CancellationToken cancellationToken) =>
        Broadcast?.OnMediaAsync(message, cancellationToken) ?? Task.CompletedTask;

    public async Task LeaveAsync()
    {
        if (Broadcast is { } broadcast)
        {
            await broadcast.DetachAsync(connection);
        }
    }
}
