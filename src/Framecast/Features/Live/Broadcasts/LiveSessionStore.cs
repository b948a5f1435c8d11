using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>Broadcast rows, written by the node that holds each broadcast, so every node can answer who is live.</summary>
public sealed class LiveSessionStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>A node renews its broadcasts' heartbeats this often; one silent for <see cref="StaleAfter"/> died.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(45);

    /// <summary>This process, as named on its broadcasts' rows.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    public async Task<LiveChannel?> FindChannelByKeyAsync(string streamKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        return await db.Set<LiveChannel>().AsNoTracking().FirstOrDefaultAsync(c => c.StreamKey == streamKey, cancellationToken);
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

    public async Task CreateAsync(LiveSession session, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        // Whatever this node left open for the channel (a crash, a cut that raced) ends now.
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<LiveSession>().Where(s => s.UserId == session.UserId && s.Status != LiveSessionStatus.Ended && s.Node == Node)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, LiveSessionStatus.Ended).SetProperty(s => s.EndedAt, now), cancellationToken);
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetStatusAsync(string sessionId, LiveSessionStatus status, int disconnects, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? endedAt = status == LiveSessionStatus.Ended ? now : null;
        await db.Set<LiveSession>().Where(s => s.Id == sessionId && s.Status != LiveSessionStatus.Ended)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.Disconnects, disconnects)
                .SetProperty(s => s.EndedAt, endedAt).SetProperty(s => s.HeartbeatAt, now), cancellationToken);
    }

    /// <summary>Renews this node's open broadcasts and ends any whose node stopped renewing them.</summary>
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
        await db.Set<LiveSession>().Where(s => s.Status != LiveSessionStatus.Ended && s.HeartbeatAt < stale)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, LiveSessionStatus.Ended).SetProperty(s => s.EndedAt, now), cancellationToken);
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
