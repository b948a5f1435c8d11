namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// Runs one job type; registered as a keyed scoped service under its type name. Handlers must be safe to re-run:
/// a job whose worker died is claimed again after its lease.
/// </summary>
public interface IJobHandler
{
    Task RunAsync(JobLease job, CancellationToken cancellationToken);

    /// <summary>Called once when the job is marked dead, so the handler can leave its subject in a final state.</summary>
    Task OnGaveUpAsync(JobLease job, string error, CancellationToken cancellationToken) => Task.CompletedTask;
}
