using System.Globalization;

namespace Framecast.Infrastructure.Media;

/// <summary>Filter pieces the command builders share.</summary>
internal static class VideoFilters
{
    public const int MaxFrameRate = 60;
    private const int FallbackFrameRate = 30;

    /// <summary>
    /// PQ/HLG to 8-bit BT.709 with the Hable curve, or "" for SDR (a later <c>format=yuv420p</c> handles 10-bit SDR).
    /// Every zscale input and output property is spelled out: zscale fails with "no path between colorspaces" when
    /// one is unknown, and phones often leave primaries or matrix untagged. Debian's ffmpeg 5.1 has zscale and tonemap.
    /// </summary>
    public static string ToneMapPrefix(VideoStreamInfo video) => video.IsHdr
        ? $"zscale=tin={video.ColorTransfer}:min=bt2020nc:pin=bt2020:rin=tv:t=linear:npl=100:p=bt2020,format=gbrpf32le,"
          + "zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p,"
        : "";

    /// <summary>The source rate rounded to whole frames, at most 60; 30 when unknown. Variable-rate phone video becomes constant.</summary>
    public static int OutputFrameRate(VideoStreamInfo video) =>
        video.FrameRate is > 0 and var rate && !double.IsInfinity(rate)
            ? Math.Clamp((int)Math.Round(rate), 1, MaxFrameRate)
            : FallbackFrameRate;

    /// <summary>
    /// Output options that keep none of the upload's metadata (a phone's GPS position, make and model, its app's
    /// tags, chapter titles): viewers get only the pictures and the sound.
    /// </summary>
    public static readonly string[] NoUploadMetadata = ["-map_metadata", "-1", "-map_chapters", "-1"];

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static VideoStreamInfo RequireVideo(MediaInfo source) =>
        source.Video ?? throw new ArgumentException("The source has no video stream.", nameof(source));
}
