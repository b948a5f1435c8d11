using Microsoft.Extensions.Options;

namespace Framecast.Features.Uploads;

/// <summary>
/// The scheduled removal of abandoned uploads (worker role). Every worker may run it; removal is idempotent, so
/// several nodes doing it at once only repeat harmless deletes.
/// </summary>
public sealed class UploadExpiryWorker(IServiceScopeFactory scopes, IOptions<UploadsOptions> options, TimeProvider clock, ILogger<UploadExpiryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<UploadsService>().RemoveExpiredAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} expired uploads", removed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; nothing is lost by waiting.
                logger.LogWarning(ex, "Removing expired uploads failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
