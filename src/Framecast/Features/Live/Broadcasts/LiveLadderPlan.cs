using Framecast.Infrastructure.Media;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>Which renditions a broadcast gets: the source passed through when it fits the ladder's top, and the rungs below it.</summary>
public static class LiveLadderPlan
{
    public static IReadOnlyList<LiveRung> For(int width, int height, int sourceKbps, IReadOnlyList<LadderRung> ladder)
    {
        if (width <= 0 || height <= 0)
        {
            // Nothing says how big the picture is: it can still be passed through, but not planned around.
            return [new LiveRung(LiveRung.SourceName, 0, 0, sourceKbps, PassThrough: true)];
        }
        var sourceShort = Math.Min(width, height);
        var top = ladder.Max(r => r.ShortSide);
        var planned = new LadderPlanner().Plan(width, height, ladder);
        if (sourceShort > top)
        {
            return [.. planned.Select(r => new LiveRung(r.Name, r.Width, r.Height, r.VideoKbps, PassThrough: false))];
        }
        return
        [
            new LiveRung(LiveRung.SourceName, width, height, sourceKbps, PassThrough: true),
            .. planned.Where(r => Math.Min(r.Width, r.Height) < sourceShort).Select(r => new LiveRung(r.Name, r.Width, r.Height, r.VideoKbps, PassThrough: false)),
        ];
    }
}
