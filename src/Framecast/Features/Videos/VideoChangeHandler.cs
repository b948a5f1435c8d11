using Framecast.Infrastructure.Data;

namespace Framecast.Features.Videos;

/// <summary>Drops this node's cached copies of a video that another node changed (<see cref="VideoCaches"/>).</summary>
public sealed class VideoChangeHandler(VideoCaches caches) : IDatabaseNotificationHandler
{
    public const string ChannelName = "framecast_videos";

    public string Channel => ChannelName;

    public Task HandleAsync(string payload, CancellationToken cancellationToken) => caches.ForgetLocallyAsync(payload, cancellationToken);

    // Changes missed while disconnected age out with the caches' short lifetime.
    public void OnListening()
    {
    }
}
