using static Framecast.Infrastructure.Media.VideoFilters;

namespace Framecast.Infrastructure.Media;

/// <summary>A poster JPEG, at most 1280 wide, picked as the most representative of ~2 s of frames after the intro.</summary>
public sealed class ThumbnailCommandBuilder
{
    public const int MaxWidth = 1280;
    private const double MaxSeekSeconds = 30;

    public IReadOnlyList<string> Build(string inputPath, string outputPath, MediaInfo source)
    {
        var video = RequireVideo(source);
        // First frames are often black or a fade-in: start 10% in (at most 30 s), then let the thumbnail filter choose.
        var seek = Math.Min(Math.Max(0, source.DurationSeconds) * 0.1, MaxSeekSeconds);
        var (width, height) = Size(video.DisplayWidth, video.DisplayHeight);
        // Scale before the thumbnail filter: it holds all n frames in memory, so keep them small.
        var filter = $"scale=w={Number(width)}:h={Number(height)},setsar=1,{ToneMapPrefix(video)}thumbnail=n=50";
        return
        [
            "-y", "-ss", Seconds(seek), .. MediaInput.Ffmpeg(inputPath), "-an", "-sn", "-vf", filter,
            "-frames:v", "1", "-q:v", "3", "-update", "1", "-f", "image2", outputPath,
        ];
    }

    internal static (int Width, int Height) Size(int displayWidth, int displayHeight)
    {
        var width = Math.Min(MaxWidth, displayWidth);
        var height = (int)Math.Round(displayHeight * (double)width / displayWidth);
        return (Math.Max(2, width / 2 * 2), Math.Max(2, height / 2 * 2));
    }
}
