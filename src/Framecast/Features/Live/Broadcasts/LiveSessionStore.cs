using Framecast.Features.Live.Recordings;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>Broadcast rows, written by the node that holds each broadcast, so every node can answer who is live.</summary>
public sealed class LiveSessionStore(IServiceScopeFactory scopes, JobQueue jobs, IBlobStore blobs, TimeProvider clock)
{
    /// <summary>A node renews its broadcasts' heartbeats (and viewer counts) this often; one silent for <see cref="StaleAfter"/> died.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(45);

    /// <summary>
    /// This node, as named on its broadcasts' rows: <c>Live:NodeName</c>, else the machine and the RTMP address it
    /// listens on, so a node that restarts knows the broadcasts it held before (see <see cref="EndOrphansAsync"/>).
    /// </summary>
    public string Node { get; private set; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    /// <summary>
    /// Called once the RTMP port is open: names this node, and ends what it held before a crash or a kill (their
    /// recordings are made from what was written), without waiting for the heartbeat to go stale.
    /// </summary>
    public async Task EndOrphansAsync(string node, CancellationToken cancellationToken)
    {
        Node = node;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        var orphans = await db.Set<LiveSession>().Where(s => s.Node == node && s.Status != LiveSessionStatus.Ended).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in orphans)
        {
            await SetStatusAsync(id, LiveSessionStatus.Ended, 0, cancellationToken);
        }
    }

    public async Task<LiveChannel?> FindChannelByKeyAsync(string streamKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        // A banned account's key is as good as unknown.
        return await db.Set<LiveChannel>().AsNoTracking()
            .Where(c => c.StreamKey == streamKey && db.Users.Any(u => u.Id == c.UserId && u.BannedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<string> UsernameAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Username).FirstAsync(cancellationToken);
    }

    /// <summary>True when another node holds a broadcast of this channel that is still alive.</summary>
    public async Task<bool> LiveElsewhereAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        var fresh = clock.GetUtcNow().UtcDateTime - StaleAfter;
        return await db.Set<LiveSession>().AnyAsync(s => s.UserId == userId && s.Status != LiveSessionStatus.Ended && s.Node != Node && s.HeartbeatAt > fresh, cancellationToken);
    }

    /// <summary>A new broadcast's row, and the <see cref="LiveStarted"/> job that announces it, in one transaction.</summary>
    public async Task CreateAsync(LiveSession session, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        // Whatever this node left open for the channel (a crash, a cut that raced) ends now.
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<LiveSession>().Where(s => s.UserId == session.UserId && s.Status != LiveSessionStatus.Ended && s.Node == Node)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, LiveSessionStatus.Ended).SetProperty(s => s.EndedAt, now), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(session);
        jobs.Add(db, transaction, LiveStarted.JobType, new LiveStarted(session.Id, session.UserId), notBefore: session.StartedAt + LiveStarted.AnnounceAfter);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The broadcast's new status; an end also queues the making of its recording (when the channel records), in the
    /// same transaction, so a crash between the two loses neither.
    /// </summary>
    public async Task SetStatusAsync(string sessionId, LiveSessionStatus status, int disconnects, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? endedAt = status == LiveSessionStatus.Ended ? now : null;
        var changed = await db.Set<LiveSession>().Where(s => s.Id == sessionId && s.Status != LiveSessionStatus.Ended)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.Disconnects, disconnects)
                .SetProperty(s => s.EndedAt, endedAt).SetProperty(s => s.HeartbeatAt, now)
                .SetProperty(s => s.Viewers, s => status == LiveSessionStatus.Ended ? 0 : s.Viewers), cancellationToken);
        if (changed > 0 && status == LiveSessionStatus.Ended)
        {
            await QueueRecordingAsync(db, transaction, [sessionId], cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Renews this node's open broadcasts and ends any whose node stopped renewing them (their recordings are made from what was written).</summary>
    public async Task HeartbeatAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (sessionIds.Count > 0)
        {
            await db.Set<LiveSession>().Where(s => sessionIds.Contains(s.Id) && s.Status != LiveSessionStatus.Ended)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.HeartbeatAt, now), cancellationToken);
        }
        var stale = now - StaleAfter;
        var dead = await db.Set<LiveSession>().Where(s => s.Status != LiveSessionStatus.Ended && s.HeartbeatAt < stale).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in dead)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.Set<LiveSession>().Where(s => s.Id == id && s.Status != LiveSessionStatus.Ended && s.HeartbeatAt < stale)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, LiveSessionStatus.Ended).SetProperty(s => s.EndedAt, now).SetProperty(s => s.Viewers, 0), cancellationToken);
            if (changed > 0)
            {
                await QueueRecordingAsync(db, transaction, [id], cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Keeps each broadcast's current viewers, and its peak.</summary>
    public async Task SetViewersAsync(IReadOnlyDictionary<string, int> viewers, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        foreach (var (id, count) in viewers)
        {
            await db.Set<LiveSession>().Where(s => s.Id == id && s.Status != LiveSessionStatus.Ended)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Viewers, count).SetProperty(s => s.PeakViewers, s => s.PeakViewers > count ? s.PeakViewers : count), cancellationToken);
        }
    }

    private async Task QueueRecordingAsync(FramecastDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, IReadOnlyList<string> sessionIds, CancellationToken cancellationToken)
    {
        var sessions = await db.Set<LiveSession>().Where(s => sessionIds.Contains(s.Id)).Select(s => new { s.Id, s.UserId, s.Record }).ToListAsync(cancellationToken);
        foreach (var session in sessions.Where(s => s.Record))
        {
            jobs.Add(db, transaction, LiveRecordingJob.Type, new LiveRecordingPayload(session.Id), fairKey: session.UserId);
        }
        await db.SaveChangesAsync(cancellationToken);
        // Not recorded, as its owner chose (perhaps while it was on): what was written goes, thumbnail included.
        foreach (var session in sessions.Where(s => !s.Record))
        {
            await blobs.DeletePrefixAsync(LiveRecorder.Prefix(session.Id), cancellationToken);
        }
    }

    public async Task RecordRefusalAsync(string userId, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<LiveChannel>().Where(c => c.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastError, reason).SetProperty(c => c.LastErrorAt, now), cancellationToken);
    }
}
