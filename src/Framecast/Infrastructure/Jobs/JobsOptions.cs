using System.ComponentModel.DataAnnotations;

namespace Framecast.Infrastructure.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Jobs this process runs at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Jobs sharing a fair key (one uploader's videos) that run at once across all workers, so one user's uploads
    /// cannot take every slot while others wait; jobs without a key are not limited.
    /// </summary>
    [Range(1, 256)]
    public int MaxRunningPerKey { get; set; } = 1;

    /// <summary>Claims of one job before it is marked dead (a claim by a worker that then died counts).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claim holds without renewal; a running job renews it every third of this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Safety-net poll when no wake-up signal arrives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);
}
