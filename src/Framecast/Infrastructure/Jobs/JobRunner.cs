using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Jobs;

/// <summary>Runs one claimed job: renews its lease while it runs, then records success, a retry, death or a release.</summary>
public sealed class JobRunner(
    JobStore store,
    IServiceScopeFactory scopes,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger,
    Telemetry.FramecastMetrics metrics)
{
    private const int MaxErrorLength = 4000;

    public async Task RunAsync(JobLease job, string owner, CancellationToken stoppingToken)
    {
        // Yield so the claiming loop goes on while this job starts.
        await Task.Yield();
        var settings = options.Value;
        using var jobCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewalCts = new CancellationTokenSource();
        var leaseLost = false;
        var renewal = RenewLeaseAsync(job, owner, settings.LeaseDuration, () => { leaseLost = true; jobCts.Cancel(); }, renewalCts.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Type);
            if (job.Attempts > job.MaxAttempts)
            {
                var error = $"gave up after {job.MaxAttempts} attempts: the last worker stopped without finishing";
                await RecordAsync(store.FailAsync(job, owner, error, null, CancellationToken.None));
                await GiveUpAsync(handler, job, error);
                return;
            }
            if (handler is null)
            {
                await RecordAsync(store.FailAsync(job, owner, $"no handler for job type '{job.Type}'", null, CancellationToken.None));
                return;
            }
            logger.LogInformation("Job {JobId} ({JobType}) attempt {Attempt} started", job.Id, job.Type, job.Attempts);
            await metrics.TimeJobAsync(job.Type, () => handler.RunAsync(job, jobCts.Token), stoppingToken);
            await RecordAsync(store.CompleteAsync(job, owner, CancellationToken.None));
            logger.LogInformation("Job {JobId} ({JobType}) succeeded", job.Id, job.Type);
        }
        catch (OperationCanceledException) when (leaseLost)
        {
            logger.LogWarning("Job {JobId} ({JobType}) lost its lease; another worker owns it now", job.Id, job.Type);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await RecordAsync(store.ReleaseAsync(job, owner, CancellationToken.None));
            logger.LogInformation("Job {JobId} ({JobType}) released on shutdown", job.Id, job.Type);
        }
        catch (Exception ex)
        {
            var error = Truncate($"{ex.GetType().Name}: {ex.Message}");
            var retryAt = job.Attempts < job.MaxAttempts ? clock.UtcNowMicros() + Backoff(job.Attempts, settings) : (DateTime?)null;
            await RecordAsync(store.FailAsync(job, owner, error, retryAt, CancellationToken.None));
            if (retryAt is null)
            {
                logger.LogError(ex, "Job {JobId} ({JobType}) is dead after {Attempts} attempts", job.Id, job.Type, job.Attempts);
                await using var scope = scopes.CreateAsyncScope();
                await GiveUpAsync(scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Type), job, error);
            }
            else
            {
                logger.LogWarning(ex, "Job {JobId} ({JobType}) failed attempt {Attempt}; retrying at {RetryAt:o}", job.Id, job.Type, job.Attempts, retryAt);
            }
        }
        finally
        {
            await renewalCts.CancelAsync();
            await renewal;
        }
    }

    private async Task GiveUpAsync(IJobHandler? handler, JobLease job, string error)
    {
        try
        {
            await (handler?.OnGaveUpAsync(job, error, CancellationToken.None) ?? Task.CompletedTask);
        }
        catch (Exception ex)
        {
            // The job is dead either way; its error is kept on the row.
            logger.LogError(ex, "Job {JobId} ({JobType}) give-up handler failed", job.Id, job.Type);
        }
    }

    public static TimeSpan Backoff(int attempts, JobsOptions settings)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay;
    }

    private async Task RenewLeaseAsync(JobLease job, string owner, TimeSpan lease, Action onLost, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (!await store.RenewAsync(job, owner, lease, cancellationToken))
                    {
                        onLost();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed renewal is retried at the next tick; the lease still has two thirds left.
                    logger.LogWarning(ex, "Job {JobId} lease renewal failed", job.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished.
        }
    }

    private async Task RecordAsync(Task<bool> transition)
    {
        try
        {
            await transition;
        }
        catch (Exception ex)
        {
            // The row stays 'running' and its lease expires, so another worker re-runs it: nothing is lost.
            logger.LogError(ex, "Could not record a job's outcome; its lease will expire and it will run again");
        }
    }

    private static string Truncate(string value) => value.Length <= MaxErrorLength ? value : value[..MaxErrorLength];
}
