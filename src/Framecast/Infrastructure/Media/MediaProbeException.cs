namespace Framecast.Infrastructure.Media;

/// <summary>ffprobe could not read the file at all; the caller fails the video with <c>media.unsupported</c>.</summary>
public sealed class MediaProbeException(string path, string reason, Exception? inner = null)
    : Exception($"'{Path.GetFileName(path)}' is not a media file Framecast can read: {reason}", inner)
{
    public string FilePath { get; } = path;
}
