namespace Framecast.Infrastructure.Media;

/// <summary>Whether the upload can be served (after a stream-copy remux) before the HLS ladder exists.</summary>
public static class InstantPlayback
{
    private static readonly string[] Containers = ["mov", "mp4", "m4v", "matroska"];

    /// <summary>
    /// H.264 in 8-bit 4:2:0 with AAC or no audio, in an MP4/MOV/Matroska container: the combination every current browser
    /// decodes. HEVC, VP9-in-MKV, 10-bit or 4:2:2 H.264 and other audio wait for the ladder.
    /// </summary>
    public static bool IsBrowserPlayable(MediaInfo info)
    {
        var video = info.Video;
        return video is { Codec: "h264", BitDepth: 8, PixelFormat: "yuv420p" or "yuvj420p" }
            && info.Audio is null or { Codec: "aac" }
            && info.FormatName.Split(',').Any(f => Containers.Contains(f));
    }
}
