using Microsoft.Extensions.Options;

namespace Framecast.Features.Discovery;

/// <summary>The worker role recomputes trending at start (a fresh node has lists at once) and every <see cref="DiscoveryOptions.TrendingInterval"/>.</summary>
public sealed class TrendingWorker(IServiceScopeFactory scopes, IOptions<DiscoveryOptions> options, TimeProvider clock, ILogger<TrendingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TrendingInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var rows = await scope.ServiceProvider.GetRequiredService<TrendingCalculator>().RecomputeAsync(stoppingToken);
                logger.LogDebug("Trending recomputed: {Rows} entries", rows);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recomputing trending failed; trying again in {Interval}", options.Value.TrendingInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
