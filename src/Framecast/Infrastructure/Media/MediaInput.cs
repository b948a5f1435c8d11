namespace Framecast.Infrastructure.Media;

/// <summary>
/// How every ffmpeg and ffprobe run opens an upload: only the local file protocol, and only plain container demuxers.
/// Playlist and manifest demuxers (hls, dash, concat, imf, image2 patterns …) open further files or URLs named inside
/// the upload, so an uploaded manifest could make us transcode another video's files or any file on the server; they
/// are never allowed, even when ffmpeg's probe picks them (issue 10).
/// </summary>
public static class MediaInput
{
    /// <summary>
    /// Demuxer names ffmpeg matches against any alias of the detected format (<c>mov</c> covers mp4, m4a, 3gp;
    /// <c>matroska</c> covers webm). The mov demuxer's external data references stay off (ffmpeg's default).
    /// </summary>
    public const string AllowedDemuxers = "mov,matroska,avi,flv,mpegts,mpeg,asf,ogg,ivf,nut,dv,mxf,gif,yuv4mpegpipe,h264,hevc,m4v";

    /// <summary>Input options followed by <c>-i file:PATH</c>, for ffmpeg.</summary>
    public static IReadOnlyList<string> Ffmpeg(string path) => [.. Restrictions, "-i", Url(path)];

    /// <summary>Input options followed by the input, for ffprobe (which takes its input without <c>-i</c>).</summary>
    public static IReadOnlyList<string> Ffprobe(string path) => [.. Restrictions, Url(path)];

    /// <summary>A PNG image (a channel's watermark), read as nothing but a PNG.</summary>
    public static IReadOnlyList<string> FfmpegPng(string path) => ["-protocol_whitelist", "file", "-f", "png_pipe", "-i", Url(path)];

    /// <summary>The same, for ffprobe.</summary>
    public static IReadOnlyList<string> FfprobePng(string path) => ["-protocol_whitelist", "file", "-f", "png_pipe", Url(path)];

    private static readonly string[] Restrictions = ["-protocol_whitelist", "file", "-format_whitelist", AllowedDemuxers];

    /// <summary>"file:" keeps a path such as "-" or "concat:x" from being read as stdin or a protocol.</summary>
    private static string Url(string path) => $"file:{path}";
}
