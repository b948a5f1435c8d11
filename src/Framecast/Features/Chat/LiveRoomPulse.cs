using Framecast.Features.Live;
using Framecast.Features.Live.Broadcasts;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

/// <summary>
/// On the node holding broadcasts: tells their chat rooms that a broadcast ended as soon as it does, and the viewer
/// count every few seconds (through the backplane, so viewers on every node hear it once).
/// </summary>
public sealed class LiveRoomPulse(LiveBroadcasts broadcasts, IServiceScopeFactory scopes, ChatRooms rooms, TimeProvider clock, ILogger<LiveRoomPulse> logger)
    : BackgroundService
{
    private static readonly TimeSpan ViewersInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnEnded(string sessionId) => rooms.Ended(new EndedEvent(sessionId));
        broadcasts.BroadcastEnded += OnEnded;
        try
        {
            using var timer = new PeriodicTimer(ViewersInterval, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var ids = broadcasts.Open.Select(b => b.SessionId).ToList();
                    if (ids.Count == 0)
                    {
                        continue;
                    }
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
                    var counts = await db.Set<LiveSession>().AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Viewers }).ToListAsync(stoppingToken);
                    foreach (var count in counts)
                    {
                        rooms.Viewers(new ViewersEvent(count.Id, count.Viewers));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live room pulse failed; trying again");
                }
            }
        }
        finally
        {
            broadcasts.BroadcastEnded -= OnEnded;
        }
    }
}
