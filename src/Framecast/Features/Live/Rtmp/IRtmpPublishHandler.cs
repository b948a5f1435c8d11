namespace Framecast.Features.Live.Rtmp;

/// <summary>What an RTMP session asks of the rest of live: may this key publish, and where its media goes.</summary>
public interface IRtmpPublishHandler
{
    /// <summary>Null when the stream key may publish now; else the reason, sent back as NetStream.Publish.BadName.</summary>
    Task<string?> AuthorizeAsync(string streamKey, CancellationToken cancellationToken);

    /// <summary>An audio (8), video (9) or data (18) message of the published stream, in arrival order.</summary>
    Task OnMediaAsync(RtmpMessage message, CancellationToken cancellationToken);
}
