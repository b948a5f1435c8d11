using static Framecast.Infrastructure.Media.VideoFilters;

namespace Framecast.Infrastructure.Media;

/// <summary>The sprite JPEG of a <see cref="StoryboardPlan"/>; <see cref="StoryboardVttWriter"/> writes its WebVTT map.</summary>
public sealed class StoryboardCommandBuilder
{
    public IReadOnlyList<string> Build(string inputPath, string outputPath, MediaInfo source, StoryboardPlan plan)
    {
        var video = RequireVideo(source);
        var (w, h) = (Number(plan.TileWidth), Number(plan.TileHeight));
        // fps first, so tone mapping and scaling only touch the frames that become tiles. Letterbox rather than stretch:
        // a portrait clip gets a narrow tile on black, and the tile grid stays uniform for the xywh map.
        var filter = $"fps=1/{Number(plan.IntervalSeconds)},{ToneMapPrefix(video)}"
            + $"scale=w={w}:h={h}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
            + $"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2,setsar=1,tile={Number(plan.Columns)}x{Number(plan.Rows)}";
        return ["-y", .. MediaInput.Ffmpeg(inputPath), "-an", "-sn", "-vf", filter, "-frames:v", "1", "-q:v", "4", "-update", "1", "-f", "image2", outputPath];
    }
}
