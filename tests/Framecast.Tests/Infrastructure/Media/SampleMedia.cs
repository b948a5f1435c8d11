using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

/// <summary>MediaInfo values for golden argument tests, without running ffprobe.</summary>
internal static class SampleMedia
{
    public static readonly AudioStreamInfo Aac = new("aac", 2, 48000);

    public static MediaInfo Landscape(double fps = 30, AudioStreamInfo? audio = null, double duration = 60) =>
        new("mov,mp4,m4a,3gp,3g2,mj2", duration, 1_000_000, new VideoStreamInfo("h264", 1280, 720, 1280, 720, 0, fps, "yuv420p", 8, "bt709"), audio ?? Aac);

    public static MediaInfo WithoutAudio(MediaInfo info) => info with { Audio = null };

    public static MediaInfo Hdr10(string transfer = "smpte2084") =>
        new("mov,mp4,m4a,3gp,3g2,mj2", 10, 1_000_000, new VideoStreamInfo("hevc", 3840, 2160, 3840, 2160, 0, 24, "yuv420p10le", 10, transfer), Aac);

    public static MediaInfo Portrait() =>
        new("mov,mp4,m4a,3gp,3g2,mj2", 8, 1_000_000, new VideoStreamInfo("h264", 1920, 1080, 1080, 1920, 90, 29.97, "yuv420p", 8, "bt709"), Aac);
}
