using Framecast.Infrastructure.Media;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Processing;

/// <summary>
/// The pipeline's ffmpeg and ffprobe runs: builders from Infrastructure/Media, run with the stall timeout and the job's
/// log. Failures that are the upload's fault become <see cref="MediaUnsupportedException"/> (final, never retried).
/// </summary>
public sealed class MediaCommands(
    IFfmpegRunner runner,
    FfprobeClient probe,
    LadderPlanner planner,
    MediaCommandBuilders builders,
    IOptions<ProcessingOptions> options,
    Infrastructure.Telemetry.FramecastMetrics metrics)
{
    /// <summary>Probes and checks the source against <see cref="SourceLimits"/>.</summary>
    public async Task<MediaInfo> ProbeAsync(string input, CancellationToken token)
    {
        MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(input, token);
        }
        catch (MediaProbeException ex)
        {
            var reason = await ManifestSniffer.IsManifestAsync(input, token)
                ? "Playlists and manifests (HLS, DASH, concat lists) cannot be uploaded: upload the video file itself."
                : "The file is not a video we can read.";
            throw new MediaUnsupportedException(reason, ex);
        }
        SourceLimits.Check(info, options.Value);
        return info;
    }

    public Task RemuxAsync(string input, string output, MediaInfo info, string log, CancellationToken token) =>
        RunAsync(builders.Remux.Build(input, output, info), log, null, token);

    public Task ThumbnailAsync(string input, string output, MediaInfo info, string log, CancellationToken token) =>
        RunForImageAsync(builders.Thumbnail.Build(input, output, info), output, log, token);

    public Task StoryboardAsync(string input, string output, MediaInfo info, StoryboardPlan plan, string log, CancellationToken token) =>
        RunForImageAsync(builders.Storyboard.Build(input, output, info, plan), output, log, token);

    /// <summary>Encodes the configured ladder's rungs at or below the source in one ffmpeg run; reports the fraction done.</summary>
    public async Task<IReadOnlyList<PlannedRung>> TranscodeAsync(string input, string outputDirectory, MediaInfo info,
        WatermarkOverlay? watermark, string log, Action<double> onFraction, CancellationToken token)
    {
        var video = info.Video!;
        var rungs = planner.Plan(video.DisplayWidth, video.DisplayHeight, options.Value.ResolveLadder());
        var copy = options.Value.CopyTopRung && TopRungCopy.Suits(info, rungs[0], watermark is not null)
            && TopRungCopy.KeyframesFit(await probe.KeyframeTimesAsync(input, token), info.DurationSeconds);
        if (copy)
        {
            rungs = [rungs[0] with { VideoKbps = (int)(TopRungCopy.Bitrate(info) / 1000) }, .. rungs.Skip(1)];
        }
        Directory.CreateDirectory(outputDirectory);
        var progress = new Progress<TranscodeProgress>(p => onFraction(p.FractionOf(info.DurationSeconds)));
        var limit = SourceLimits.OutputLimitSeconds(info, options.Value);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await RunAsync(builders.Hls.Build(input, outputDirectory, info, rungs, limit, watermark, copy), log, progress, token);
        metrics.FfmpegRan("transcode", Math.Min(info.DurationSeconds, limit), System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (copy)
        {
            var codecs = info.Audio is null ? TopRungCopy.CodecString(video) : $"{TopRungCopy.CodecString(video)},mp4a.40.2";
            await MasterPlaylistCodecs.AddAsync(Path.Combine(outputDirectory, HlsLadderCommandBuilder.MasterPlaylistName),
                $"{rungs[0].Name}/{HlsLadderCommandBuilder.MediaPlaylistName}", codecs, token);
        }
        return rungs;
    }

    // ffmpeg exits 0 without writing an image when it could not decode a single frame.
    private async Task RunForImageAsync(IReadOnlyList<string> arguments, string output, string log, CancellationToken token)
    {
        await RunAsync(arguments, log, null, token);
        if (!File.Exists(output) || new FileInfo(output).Length == 0)
        {
            throw new MediaUnsupportedException("No picture could be decoded from the video: it is damaged or empty.");
        }
    }

    private async Task<FfmpegResult> RunAsync(IReadOnlyList<string> arguments, string log, IProgress<TranscodeProgress>? progress, CancellationToken token)
    {
        try
        {
            return await runner.RunAsync(FfmpegCommand.Ffmpeg(arguments) with { LogPath = log, StallTimeout = options.Value.StallTimeout }, progress, token);
        }
        catch (FfmpegException ex) when (ex is not FfmpegStalledException && FfmpegErrorHints.IsInputFault(ex.StderrTail))
        {
            throw new MediaUnsupportedException("The video could not be decoded: it is damaged or uses an encoding we cannot read.", ex);
        }
    }
}
