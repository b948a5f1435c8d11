namespace Framecast.Infrastructure.Jobs;

/// <summary>queued → running → succeeded, or back to queued with a back-off, or dead once attempts run out.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Dead,
}
