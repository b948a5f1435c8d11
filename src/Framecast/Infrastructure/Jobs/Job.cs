namespace Framecast.Infrastructure.Jobs;

/// <summary>A unit of background work, stored as a row so that no worker crash or restart can lose it.</summary>
public sealed class Job
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public JobStatus Status { get; set; } = JobStatus.Queued;
    public int Attempts { get; set; }
    public int MaxAttempts { get; init; }
    public DateTime NotBefore { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public string? LastError { get; set; }

    /// <summary>Jobs with the same key (their owner) run at most <see cref="JobsOptions.MaxRunningPerKey"/> at once, fleet-wide.</summary>
    public string? FairKey { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
