namespace Framecast.Features.Live.Hls;

/// <summary>
/// The LL-HLS timing a rendition is packaged with. Parts are the transcoder's fragments (<see cref="PartSeconds"/>,
/// shorter when a keyframe comes early); segments are whole GOPs of at least <see cref="MinSegmentSeconds"/>, cut
/// without a keyframe only when a broadcaster's keyframes are too far apart to stay within the target duration.
/// </summary>
/// <param name="FrameRate">The stream's frame rate when it is known: a part is the whole frames that reach <see cref="PartSeconds"/>.</param>
public sealed record LiveHlsTiming(double PartSeconds = 0.2, int TargetDurationSeconds = 2, double MinSegmentSeconds = 1, int WindowSegments = 8, double FrameRate = 0)
{
    /// <summary>The longest regular part: ffmpeg closes a fragment at the first frame boundary at or past <see cref="PartSeconds"/>.</summary>
    public double LongestPart => FrameRate > 0 ? Math.Ceiling(PartSeconds * FrameRate - 1e-6) / FrameRate : PartSeconds;

    /// <summary>
    /// ffmpeg's <c>-frag_duration</c>: a hair under <see cref="LongestPart"/>, so every cut falls on the same frame
    /// boundary whether a video frame or an audio packet triggers it (millisecond timestamps round 0.2002 s to 0.200).
    /// </summary>
    public int FragmentMicroseconds => (int)Math.Round((LongestPart - 0.001) * 1_000_000);

    /// <summary>
    /// EXT-X-PART-INF's PART-TARGET: as high as rfc8216bis lets it be over the longest regular part (a part that neither
    /// starts on a keyframe nor ends its segment must last at least 85 % of it), which leaves room above that part for
    /// the first one, a little longer. An encoder that skips frames can still make a part longer than this.
    /// </summary>
    public double PartTarget => Math.Floor(LongestPart / 0.85 * 1000 - 1) / 1000;

    /// <summary>Three part targets, the spec's advice, which is also where hls.js starts playing.</summary>
    public double PartHoldBack => Math.Round(PartTarget * 3, 3);

    /// <summary>A segment grows past this only on a keyframe; rounded, it still fits TARGETDURATION.</summary>
    public double MaxSegmentSeconds => TargetDurationSeconds + 0.45;

    /// <summary>How far ahead of the last part a blocking request may ask (the spec's Advance Part Limit).</summary>
    public int AdvancePartLimit => PartTarget < 1 ? (int)Math.Ceiling(3 / PartTarget) : 3;

    /// <summary>A blocking request that the stream does not satisfy within this gets 503.</summary>
    public TimeSpan BlockingTimeout => TimeSpan.FromSeconds(3 * TargetDurationSeconds);
}
