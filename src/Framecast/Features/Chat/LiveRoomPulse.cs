using Framecast.Features.Live;
using Framecast.Features.Live.Broadcasts;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

/// <summary>
/// On the node holding broadcasts: tells their chat rooms the viewer count every few seconds, and that a broadcast
/// ended as soon as it does (through the backplane, so viewers on every node hear it once).
/// </summary>
public sealed class LiveRoomPulse(LiveBroadcasts broadcasts, IServiceScopeFactory scopes, ChatRooms rooms, TimeProvider clock, ILogger<LiveRoomPulse> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int ViewersEveryTicks = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var open = new HashSet<string>();
        var tick = 0;
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = broadcasts.Open.Where(b => b.ReportedStatus != LiveSessionStatus.Ended).Select(b => b.SessionId).ToHashSet();
                foreach (var ended in open.Except(now))
                {
                    rooms.Ended(new EndedEvent(ended));
                }
                open = now;
                if (++tick % ViewersEveryTicks == 0 && open.Count > 0)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<FramecastDbContext>();
                    var ids = open.ToList();
                    var counts = await db.Set<LiveSession>().AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Viewers }).ToListAsync(stoppingToken);
                    foreach (var count in counts)
                    {
                        rooms.Viewers(new ViewersEvent(count.Id, count.Viewers));
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Live room pulse failed; trying again");
            }
        }
    }
}
