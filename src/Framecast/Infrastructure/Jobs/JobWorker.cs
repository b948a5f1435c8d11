using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// Claims due jobs and runs at most <see cref="JobsOptions.MaxConcurrency"/> at once. On shutdown it stops claiming,
/// cancels what runs and hands those jobs back to the queue.
/// </summary>
public sealed class JobWorker(
    JobStore store,
    JobSignal signal,
    JobRunner runner,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<JobWorker> logger) : BackgroundService
{
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var running = new List<Task>();
        logger.LogInformation("Job worker {Owner} started with concurrency {MaxConcurrency}", Owner, settings.MaxConcurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                var claimedAny = await ClaimUpToLimitAsync(running, settings, stoppingToken);
                if (claimedAny && running.Count < settings.MaxConcurrency)
                {
                    continue;
                }
                var wait = running.Count < settings.MaxConcurrency
                    ? await IdleDelayAsync(settings, stoppingToken)
                    : settings.PollInterval;
                using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var woken = signal.WaitAsync(wait, waitCts.Token);
                await Task.WhenAny(running.Append(woken));
                // Woken by a finished job rather than the signal: end this wait before claiming, or a stale waiter
                // would swallow the next signal. A signal it took just before this is covered by the claim that follows.
                await waitCts.CancelAsync();
                await woken;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: fall through to wait for in-flight jobs, which release themselves.
        }
        await Task.WhenAll(running);
        logger.LogInformation("Job worker {Owner} stopped", Owner);
    }

    private async Task<bool> ClaimUpToLimitAsync(List<Task> running, JobsOptions settings, CancellationToken stoppingToken)
    {
        var claimedAny = false;
        while (running.Count < settings.MaxConcurrency && !stoppingToken.IsCancellationRequested)
        {
            JobLease? job;
            try
            {
                job = await store.ClaimAsync(Owner, settings.LeaseDuration, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next poll retries, the jobs stay in their rows.
                logger.LogWarning(ex, "Job worker {Owner} could not claim a job", Owner);
                return claimedAny;
            }
            if (job is null)
            {
                return claimedAny;
            }
            claimedAny = true;
            running.Add(runner.RunAsync(job, Owner, stoppingToken));
        }
        return claimedAny;
    }

    private async Task<TimeSpan> IdleDelayAsync(JobsOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            if (await store.NextDueAsync(stoppingToken) is { } due)
            {
                var until = due - clock.GetUtcNow().UtcDateTime;
                return until < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10)
                    : until < settings.PollInterval ? until + TimeSpan.FromMilliseconds(5) : settings.PollInterval;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Same as a failed claim: poll again later.
            logger.LogWarning(ex, "Job worker {Owner} could not read the next due time", Owner);
        }
        return settings.PollInterval;
    }
}
