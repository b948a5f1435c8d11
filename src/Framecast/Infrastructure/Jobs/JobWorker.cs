using Framecast.Hosting;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// Claims due jobs and runs at most <see cref="JobsOptions.MaxConcurrency"/> at once. When the node drains it stops
/// claiming at once, lets running jobs finish for <see cref="NodeDrain.Timeout"/>, then cancels those still running
/// and hands them back to the queue (due now, the attempt not counted), so another node takes them straight away.
/// </summary>
public sealed class JobWorker(
    JobStore store,
    JobSignal signal,
    JobRunner runner,
    NodeDrain drain,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<JobWorker> logger) : BackgroundService, IHostedLifecycleService
{
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var running = new List<Task>();
        // Claiming ends the moment the node drains; running jobs are cancelled (and handed back) only at the drain's
        // deadline, or at once when the host stops this worker without a drain (its own deadline passed).
        using var claiming = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, drain.Draining);
        using var handBack = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        using var atDeadline = drain.Draining.Register(() =>
        {
            if (drain.Timeout == TimeSpan.Zero)
            {
                handBack.Cancel();
            }
            else
            {
                handBack.CancelAfter(drain.Timeout);
            }
        });
        using var atStop = stoppingToken.Register(handBack.Cancel);
        logger.LogInformation("Job worker {Owner} started with concurrency {MaxConcurrency}", Owner, settings.MaxConcurrency);
        try
        {
            while (!claiming.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                var claimedAny = await ClaimUpToLimitAsync(running, settings, claiming.Token, handBack.Token);
                if (claimedAny && running.Count < settings.MaxConcurrency)
                {
                    continue;
                }
                var wait = running.Count < settings.MaxConcurrency
                    ? await IdleDelayAsync(settings, claiming.Token)
                    : settings.PollInterval;
                using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(claiming.Token);
                var woken = signal.WaitAsync(wait, waitCts.Token);
                await Task.WhenAny(running.Append(woken));
                // Woken by a finished job rather than the signal: end this wait before claiming, or a stale waiter
                // would swallow the next signal. A signal it took just before this is covered by the claim that follows.
                await waitCts.CancelAsync();
                await woken;
            }
        }
        catch (OperationCanceledException) when (claiming.IsCancellationRequested)
        {
            // Draining: fall through to wait for in-flight jobs, which finish or hand themselves back.
        }
        running.RemoveAll(t => t.IsCompleted);
        if (running.Count > 0)
        {
            logger.LogInformation("Job worker {Owner} draining: {Running} running jobs get {DrainTimeout} to finish", Owner, running.Count, drain.Timeout);
        }
        await Task.WhenAll(running);
        logger.LogInformation("Job worker {Owner} stopped", Owner);
    }

    /// <summary>The drain starts here when the host stops before anything else began it; the stop waits for it, within the host's deadline.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        if (ExecuteTask is { } worker)
        {
            await worker.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> ClaimUpToLimitAsync(List<Task> running, JobsOptions settings, CancellationToken claiming, CancellationToken handBack)
    {
        var claimedAny = false;
        while (running.Count < settings.MaxConcurrency && !claiming.IsCancellationRequested)
        {
            JobLease? job;
            try
            {
                job = await store.ClaimAsync(Owner, settings.LeaseDuration, claiming);
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
            running.Add(runner.RunAsync(job, Owner, drain.Draining, handBack));
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
