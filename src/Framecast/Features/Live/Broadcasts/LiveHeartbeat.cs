namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// Keeps this node's broadcast rows alive with their viewer counts and thumbnails, and ends those of nodes that died
/// mid-broadcast.
/// </summary>
public sealed class LiveHeartbeat(LiveBroadcasts broadcasts, LiveSessionStore store, LiveViewers viewers, LiveThumbnails thumbnails, TimeProvider clock,
    ILogger<LiveHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LiveSessionStore.HeartbeatInterval, clock);
        do
        {
            try
            {
                var open = broadcasts.Open.Select(b => b.SessionId).ToList();
                await store.SetViewersAsync(await viewers.CountAsync(open, stoppingToken), stoppingToken);
                await store.HeartbeatAsync(open, stoppingToken);
                await thumbnails.RefreshAsync(broadcasts.Open, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Live heartbeat failed; retrying in {Interval}", LiveSessionStore.HeartbeatInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
