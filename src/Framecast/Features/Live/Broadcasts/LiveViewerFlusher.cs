namespace Framecast.Features.Live.Broadcasts;

/// <summary>Writes this node's viewer marks every few seconds, wherever its viewers' broadcasts are held.</summary>
public sealed class LiveViewerFlusher(LiveViewers viewers, TimeProvider clock, ILogger<LiveViewerFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LiveSessionStore.HeartbeatInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await viewers.FlushAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Live viewer marks were not written; the next ones will be");
            }
        }
    }
}
