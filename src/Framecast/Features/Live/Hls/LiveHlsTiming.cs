namespace Framecast.Features.Live.Hls;

/// <summary>
/// The LL-HLS timing a rendition is packaged with. Parts are the transcoder's fragments (<see cref="PartSeconds"/>,
/// shorter when a keyframe comes early); segments are whole GOPs of at least <see cref="MinSegmentSeconds"/>, cut
/// without a keyframe only when a broadcaster's keyframes are too far apart to stay within the target duration.
/// </summary>
public sealed record LiveHlsTiming(double PartSeconds = 0.2, int TargetDurationSeconds = 2, double MinSegmentSeconds = 1, int WindowSegments = 8)
{
    /// <summary>
    /// EXT-X-PART-INF's PART-TARGET: as high as rfc8216bis lets it be (a part that neither starts on a keyframe nor ends
    /// its segment must last at least 85 % of it), which leaves room for a part to run a frame past the fragment duration.
    /// </summary>
    public double PartTarget => Math.Floor(PartSeconds / 0.85 * 1000 - 1) / 1000;

    /// <summary>Three part targets, the spec's advice, which is also where hls.js starts playing.</summary>
    public double PartHoldBack => Math.Round(PartTarget * 3, 3);

    /// <summary>A segment grows past this only on a keyframe; rounded, it still fits TARGETDURATION.</summary>
    public double MaxSegmentSeconds => TargetDurationSeconds + 0.45;

    /// <summary>How far ahead of the last part a blocking request may ask (the spec's Advance Part Limit).</summary>
    public int AdvancePartLimit => PartTarget < 1 ? (int)Math.Ceiling(3 / PartTarget) : 3;

    /// <summary>A blocking request that the stream does not satisfy within this gets 503.</summary>
    public TimeSpan BlockingTimeout => TimeSpan.FromSeconds(3 * TargetDurationSeconds);
}
