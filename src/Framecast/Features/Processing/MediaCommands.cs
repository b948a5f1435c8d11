using Framecast.Infrastructure.Media;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Processing;

/// <summary>The pipeline's ffmpeg and ffprobe runs: builders from Infrastructure/Media, run with the stall timeout and the job's log.</summary>
public sealed class MediaCommands(
    IFfmpegRunner runner,
    FfprobeClient probe,
    LadderPlanner planner,
    MediaCommandBuilders builders,
    IOptions<ProcessingOptions> options)
{
    public async Task<MediaInfo> ProbeAsync(string input, CancellationToken token)
    {
        try
        {
            return await probe.ProbeAsync(input, token);
        }
        catch (MediaProbeException ex)
        {
            throw new MediaUnsupportedException("The file is not a video we can read.", ex);
        }
    }

    public Task RemuxAsync(string input, string output, MediaInfo info, string log, CancellationToken token) =>
        RunAsync(builders.Remux.Build(input, output, info), log, null, token);

    public Task ThumbnailAsync(string input, string output, MediaInfo info, string log, CancellationToken token) =>
        RunAsync(builders.Thumbnail.Build(input, output, info), log, null, token);

    public Task StoryboardAsync(string input, string output, MediaInfo info, StoryboardPlan plan, string log, CancellationToken token) =>
        RunAsync(builders.Storyboard.Build(input, output, info, plan), log, null, token);

    /// <summary>Encodes the ladder rungs at or below the source in one ffmpeg run; reports the fraction done.</summary>
    public async Task<IReadOnlyList<PlannedRung>> TranscodeAsync(string input, string outputDirectory, MediaInfo info,
        IReadOnlyList<LadderRung> ladder, string log, Action<double> onFraction, CancellationToken token)
    {
        var video = info.Video!;
        var rungs = planner.Plan(video.DisplayWidth, video.DisplayHeight, ladder);
        Directory.CreateDirectory(outputDirectory);
        var progress = new Progress<TranscodeProgress>(p => onFraction(p.FractionOf(info.DurationSeconds)));
        await RunAsync(builders.Hls.Build(input, outputDirectory, info, rungs), log, progress, token);
        return rungs;
    }

    private Task<FfmpegResult> RunAsync(IReadOnlyList<string> arguments, string log, IProgress<TranscodeProgress>? progress, CancellationToken token) =>
        runner.RunAsync(FfmpegCommand.Ffmpeg(arguments) with { LogPath = log, StallTimeout = options.Value.StallTimeout }, progress, token);
}
