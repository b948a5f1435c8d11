using static Framecast.Infrastructure.Media.VideoFilters;

namespace Framecast.Infrastructure.Media;

/// <summary>
/// Copies the first video and audio stream into a fast-start MP4 for instant playback, without re-encoding; seconds even
/// for long files. Use only when <see cref="InstantPlayback.IsBrowserPlayable"/> says the streams play in a browser.
/// </summary>
public sealed class RemuxCommandBuilder
{
    public IReadOnlyList<string> Build(string inputPath, string outputPath, MediaInfo source)
    {
        RequireVideo(source);
        List<string> args = ["-y", .. MediaInput.Ffmpeg(inputPath), "-map", "0:v:0"];
        if (source.Audio is not null)
        {
            args.AddRange(["-map", "0:a:0"]);
        }
        // faststart moves the index to the front, so a browser can start playing before the whole file has arrived.
        args.AddRange(["-c", "copy", .. VideoFilters.NoUploadMetadata, "-fflags", "+bitexact", "-movflags", "+faststart", "-f", "mp4", outputPath]);
        return args;
    }
}
