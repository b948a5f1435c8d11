using System.Text.Json;
using Framecast.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// Enqueues jobs on the caller's <see cref="FramecastDbContext"/> without saving, so the job commits in the same
/// transaction as the row change that caused it (a crash can never keep one without the other).
/// </summary>
public sealed class JobQueue(TimeProvider clock, IOptions<JobsOptions> options)
{
    /// <param name="fairKey">Whose work this is (see <see cref="JobsOptions.MaxRunningPerKey"/>); null for system work.</param>
    public Job Add<TPayload>(FramecastDbContext db, string type, TPayload payload, DateTime? notBefore = null, string? fairKey = null)
    {
        var now = clock.UtcNowMicros();
        var job = new Job
        {
            Type = type,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            MaxAttempts = options.Value.MaxAttempts,
            NotBefore = notBefore ?? now,
            FairKey = fairKey,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(job);
        return job;
    }
}
