using System.Globalization;
using Framecast.Infrastructure.Media;

namespace Framecast.Features.Processing;

/// <summary>
/// When the source already is the ladder's top rendition (H.264 8-bit 4:2:0 at exactly that size, unrotated, at most
/// 60 fps, a bitrate at most twice the rung's, keyframes at most 10 s apart) it is copied into the ladder instead of
/// being encoded again: the most expensive encode of the ladder saved, the picture untouched (issue 12). Its segments
/// follow the source's keyframes, so they need not line up with the other rungs' (players switch by timestamps).
/// </summary>
public static class TopRungCopy
{
    public const double MaxKeyframeGapSeconds = 10;

    private static readonly Dictionary<string, string> ProfilePrefixes = new()
    {
        ["Constrained Baseline"] = "42E0",
        ["Baseline"] = "4200",
        ["Main"] = "4D40",
        ["High"] = "6400",
    };

    /// <summary>Whether the source's stream properties allow it; the keyframes are checked apart (they cost a read).</summary>
    public static bool Suits(MediaInfo info, PlannedRung top, bool watermarked)
    {
        var video = info.Video;
        return video is not null && !watermarked
            && video.Codec == "h264" && video.PixelFormat == "yuv420p" && video.BitDepth == 8 && !video.IsHdr && video.Rotation == 0
            && video.Profile is not null && ProfilePrefixes.ContainsKey(video.Profile) && video.Level > 0
            && video.Width == top.Width && video.Height == top.Height && video.DisplayWidth == video.Width
            && video.FrameRate is > 0 and <= VideoFilters.MaxFrameRate
            && Bitrate(info) is > 0 and var bitrate && bitrate <= top.VideoKbps * 1000L * 2;
    }

    /// <summary>Segments can be cut often enough: a keyframe at the start, then none further apart than the limit.</summary>
    public static bool KeyframesFit(IReadOnlyList<double> keyframes, double durationSeconds)
    {
        if (keyframes.Count == 0 || keyframes[0] > 0.1)
        {
            return false;
        }
        var previous = keyframes[0];
        foreach (var time in keyframes.Skip(1).Append(durationSeconds))
        {
            if (time - previous > MaxKeyframeGapSeconds)
            {
                return false;
            }
            previous = Math.Max(previous, time);
        }
        return true;
    }

    /// <summary>Bits per second of the source's video: the stream's own figure, else the file's average.</summary>
    public static long Bitrate(MediaInfo info) =>
        info.Video is { BitRate: > 0 } video ? video.BitRate
        : info.DurationSeconds > 0 ? (long)(info.SizeBytes * 8 / info.DurationSeconds) : 0;

    /// <summary>The RFC 6381 codec string (e.g. <c>avc1.64001f</c>), which ffmpeg does not write for a copied stream.</summary>
    public static string CodecString(VideoStreamInfo video) =>
        $"avc1.{ProfilePrefixes[video.Profile!]}{video.Level.ToString("x2", CultureInfo.InvariantCulture)}";
}
