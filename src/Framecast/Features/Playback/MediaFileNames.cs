using System.Text.RegularExpressions;

namespace Framecast.Features.Playback;

/// <summary>
/// The only names a video's media folder serves. Anything else (encoded dots or slashes, backslashes, absolute
/// paths, NUL) fails these patterns and is a 404 before any path is built.
/// </summary>
public static partial class MediaFileNames
{
    public const string Master = "master.m3u8";

    public static bool IsHlsFile(string name) => HlsFilePattern().IsMatch(name);

    public static bool IsPlaylist(string name) => name.EndsWith(".m3u8", StringComparison.Ordinal);

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".m4s" => "video/iso.segment",
        ".mp4" => "video/mp4",
        ".jpg" => "image/jpeg",
        ".vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    };

    [GeneratedRegex("^(index\\.m3u8|init(_[0-9]{1,2})?\\.mp4|seg_[0-9]{5,7}\\.m4s)$", RegexOptions.CultureInvariant)]
    private static partial Regex HlsFilePattern();
}
