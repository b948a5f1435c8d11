using System.Text.Json;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// Enqueues jobs inside the caller's open transaction, so a job commits with the row change that caused it (a crash can
/// never keep one without the other). The caller saves and commits; a job added outside that transaction is refused.
/// </summary>
public sealed class JobQueue(TimeProvider clock, IOptions<JobsOptions> options)
{
    /// <param name="fairKey">Whose work this is (see <see cref="JobsOptions.MaxRunningPerKey"/>); null for system work.</param>
    public Job Add<TPayload>(FramecastDbContext db, IDbContextTransaction transaction, string type, TPayload payload, DateTime? notBefore = null, string? fairKey = null)
    {
        if (db.Database.CurrentTransaction?.TransactionId != transaction.TransactionId)
        {
            throw new InvalidOperationException($"Add the '{type}' job inside the open transaction of the change that causes it.");
        }
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
