using System.Globalization;
using Framecast.Infrastructure.Media;

namespace Framecast.Features.Processing;

/// <summary>
/// What processing accepts, judged from the probe before any encoding: size, frame rate and length within the
/// configured caps, and a length the file can really fill. A few frames whose timestamps claim hours would otherwise
/// become hours of encoding for every rung of the ladder (a "transcode bomb", issue 10). Reasons are for the uploader.
/// </summary>
public static class SourceLimits
{
    /// <summary>A real video holds at least one frame per this many seconds of its length, slideshows included.</summary>
    public const double MaxSecondsPerFrame = 10;

    /// <exception cref="MediaUnsupportedException">The source is over a cap or its timestamps are not believable.</exception>
    public static void Check(MediaInfo info, ProcessingOptions options)
    {
        var video = info.Video ?? throw new MediaUnsupportedException("The file has no video stream that can be decoded.");
        if ((long)video.Width * video.Height > options.MaxPixels)
        {
            throw new MediaUnsupportedException(
                $"The video is {video.Width}×{video.Height} pixels; the largest frame this site processes has {Megapixels(options.MaxPixels)} megapixels.");
        }
        if (video.FrameRate > options.MaxFrameRate)
        {
            throw new MediaUnsupportedException(
                $"The video claims {Number(video.FrameRate)} frames per second; this site processes at most {options.MaxFrameRate}.");
        }
        if (info.DurationSeconds > options.MaxDurationSeconds)
        {
            throw new MediaUnsupportedException(
                $"The video is {Duration(info.DurationSeconds)} long; this site processes videos up to {Duration(options.MaxDurationSeconds)}.");
        }
        if (video.PacketCount == 0)
        {
            throw new MediaUnsupportedException("The file holds no video frames.");
        }
        if (video.PacketCount > 0 && info.DurationSeconds > MaxSecondsPerFrame * video.PacketCount)
        {
            throw new MediaUnsupportedException(
                $"The file claims to be {Duration(info.DurationSeconds)} long but holds only {video.PacketCount} video frames: its timestamps are damaged or forged.");
        }
    }

    /// <summary>The most output processing may write: the claimed length with some slack, never past the cap.</summary>
    public static double OutputLimitSeconds(MediaInfo info, ProcessingOptions options) =>
        info.DurationSeconds > 0 ? Math.Min(options.MaxDurationSeconds, Math.Ceiling(info.DurationSeconds * 1.1 + 10)) : options.MaxDurationSeconds;

    private static string Megapixels(long pixels) => (pixels / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(seconds));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min" : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds:00} s" : $"{span.Seconds} s";
    }
}
