namespace Framecast.Infrastructure.Media;

/// <summary>Picks the renditions for a source: never upscale, keep the aspect ratio, always at least one.</summary>
public sealed class LadderPlanner
{
    /// <summary>
    /// The configured rungs whose short side fits the source's short side, largest first, sized to the source's aspect
    /// ratio (a 1080x1920 portrait source gets 1080p as 1080x1920). A source smaller than every rung gets one rung at its own size.
    /// </summary>
    public IReadOnlyList<PlannedRung> Plan(int displayWidth, int displayHeight, IReadOnlyList<LadderRung> ladder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(displayWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(displayHeight, 1);
        if (ladder.Count == 0)
        {
            throw new ArgumentException("The ladder has no rungs.", nameof(ladder));
        }
        var sourceShort = Math.Min(displayWidth, displayHeight);
        var fitting = ladder.Where(r => r.ShortSide <= sourceShort).OrderByDescending(r => r.ShortSide).ToList();
        if (fitting.Count == 0)
        {
            var smallest = ladder.MinBy(r => r.ShortSide)!;
            var own = Math.Max(2, sourceShort / 2 * 2);
            fitting.Add(smallest with { Name = $"{own}p", ShortSide = own });
        }
        return [.. fitting.Select(r => Size(r, displayWidth, displayHeight))];
    }

    private static PlannedRung Size(LadderRung rung, int displayWidth, int displayHeight)
    {
        var shortSide = Even(rung.ShortSide);
        var sourceLong = Math.Max(displayWidth, displayHeight);
        // Rounding to even may not push the long side past the source (853x480 stays 852 wide, not 854).
        var longSide = Math.Clamp(Even(shortSide * (double)sourceLong / Math.Min(displayWidth, displayHeight)), 2, Math.Max(2, sourceLong / 2 * 2));
        var (width, height) = displayWidth >= displayHeight ? (longSide, shortSide) : (shortSide, longSide);
        return new PlannedRung(rung.Name, width, height, rung.VideoKbps, rung.AudioKbps);
    }

    // 4:2:0 chroma needs even dimensions; rounding to the nearest even keeps the aspect ratio closest.
    private static int Even(double value) => (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2;
}
