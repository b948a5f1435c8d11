using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Admin.Jobs;

public sealed record AdminJobResponse(long Id, string Type, string State, int Attempts, int MaxAttempts, string? LastError, DateTime NotBefore,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt);

public enum JobChange
{
    Done,
    NotFound,
    Running,
    Finished,
}

/// <summary>
/// The job queue as admins see it. "failed" is a job queued again after an error (waiting for its back-off); retry puts
/// a failed or dead job back at the front with its attempts reset; cancel makes a waiting job dead.
/// </summary>
public sealed class AdminJobs(FramecastDbContext db, JobSignal signal, DatabaseNotifications notifications, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> States = ["queued", "running", "failed", "dead", "succeeded"];
    public static readonly PositionCursor Cursor = new("job:", long.MaxValue);
    public const string CancelledError = "Cancelled by an admin.";

    public async Task<Page<AdminJobResponse>> ListAsync(string? state, long? before, int limit, CancellationToken cancellationToken)
    {
        var query = db.Jobs.AsNoTracking();
        query = state switch
        {
            "queued" => query.Where(j => j.Status == JobStatus.Queued && j.LastError == null),
            "failed" => query.Where(j => j.Status == JobStatus.Queued && j.LastError != null),
            "running" => query.Where(j => j.Status == JobStatus.Running),
            "dead" => query.Where(j => j.Status == JobStatus.Dead),
            "succeeded" => query.Where(j => j.Status == JobStatus.Succeeded),
            _ => query,
        };
        if (before is { } b)
        {
            query = query.Where(j => j.Id < b);
        }
        var rows = await query.OrderByDescending(j => j.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return new Page<AdminJobResponse>(rows.Take(limit).Select(Describe).ToList(), rows.Count > limit ? Cursor.Encode(rows[limit - 1].Id) : null);
    }

    public async Task<AdminJobResponse?> FindAsync(long id, CancellationToken cancellationToken) =>
        await db.Jobs.AsNoTracking().Where(j => j.Id == id).Select(j => Describe(j)).FirstOrDefaultAsync(cancellationToken);

    public async Task<JobChange> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        // Conditional, so a worker that claims the job meanwhile wins and nothing runs twice.
        var changed = await db.Jobs.Where(j => j.Id == id && (j.Status == JobStatus.Dead || (j.Status == JobStatus.Queued && j.LastError != null)))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.Attempts, 0).SetProperty(j => j.NotBefore, now)
                .SetProperty(j => j.LastError, (string?)null).SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null).SetProperty(j => j.UpdatedAt, now), cancellationToken);
        if (changed == 0)
        {
            return await WhyNotAsync(id, cancellationToken);
        }
        signal.Notify();
        await notifications.PublishAsync(JobNotificationHandler.ChannelName, "", cancellationToken);
        return JobChange.Done;
    }

    public async Task<JobChange> CancelAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var changed = await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, JobStatus.Dead).SetProperty(j => j.LastError, CancelledError)
                .SetProperty(j => j.UpdatedAt, now).SetProperty(j => j.CompletedAt, now), cancellationToken);
        return changed == 0 ? await WhyNotAsync(id, cancellationToken) : JobChange.Done;
    }

    private async Task<JobChange> WhyNotAsync(long id, CancellationToken cancellationToken)
    {
        var status = await db.Jobs.Where(j => j.Id == id).Select(j => (JobStatus?)j.Status).FirstOrDefaultAsync(cancellationToken);
        return status switch
        {
            null => JobChange.NotFound,
            JobStatus.Running => JobChange.Running,
            _ => JobChange.Finished,
        };
    }

    private static AdminJobResponse Describe(Job j) => new(j.Id, j.Type, StateOf(j), j.Attempts, j.MaxAttempts, j.LastError, j.NotBefore, j.CreatedAt,
        j.UpdatedAt, j.CompletedAt);

    private static string StateOf(Job j) => j.Status switch
    {
        JobStatus.Queued => j.LastError is null ? "queued" : "failed",
        _ => j.Status.ToString().ToLowerInvariant(),
    };
}
