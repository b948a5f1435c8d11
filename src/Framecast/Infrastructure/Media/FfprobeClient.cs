using System.Text.Json;

namespace Framecast.Infrastructure.Media;

public sealed class FfprobeClient(IFfmpegRunner runner)
{
    /// <summary>
    /// Probes a local file. Returns <see cref="MediaInfo.Video"/> null for a file without decodable video; throws
    /// <see cref="MediaProbeException"/> when ffprobe cannot read it at all. Both mean <c>media.unsupported</c>.
    /// </summary>
    /// <summary>Width and height of a PNG; null when it is not one ffmpeg can read.</summary>
    public async Task<(int Width, int Height)?> ProbePngAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunAsync(FfmpegCommand.Ffprobe(["-v", "error", "-print_format", "json", "-show_streams", .. MediaInput.FfprobePng(path)]), null, cancellationToken);
            var video = FfprobeJsonParser.Parse(result.Stdout).Video;
            return video is null ? null : (video.Width, video.Height);
        }
        catch (Exception ex) when (ex is FfmpegException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The presentation times of the first video stream's keyframes (packet flags only: nothing is decoded).</summary>
    public async Task<IReadOnlyList<double>> KeyframeTimesAsync(string path, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(FfmpegCommand.Ffprobe(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", .. MediaInput.Ffprobe(path)]), null, cancellationToken);
        var times = new List<double>();
        foreach (var line in result.Stdout.Split('\n'))
        {
            var parts = line.Split(',');
            if (parts is [var time, var flags, ..] && flags.Contains('K')
                && double.TryParse(time, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                times.Add(seconds);
            }
        }
        times.Sort();
        return times;
    }

    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        // -count_packets reads the file through (demuxing only, no decoding): what the file really holds, not what
        // its header claims, is what lets the pipeline refuse timestamp bombs before any encoding starts.
        var command = FfmpegCommand.Ffprobe(["-v", "error", "-count_packets", "-print_format", "json", "-show_format", "-show_streams", .. MediaInput.Ffprobe(path)]);
        FfmpegResult result;
        try
        {
            result = await runner.RunAsync(command, progress: null, cancellationToken);
        }
        catch (FfmpegException ex)
        {
            throw new MediaProbeException(path, ex.Hint ?? ex.StderrTail.LastOrDefault() ?? $"ffprobe exited with code {ex.ExitCode}", ex);
        }
        try
        {
            return FfprobeJsonParser.Parse(result.Stdout, packetsCounted: true);
        }
        catch (JsonException ex)
        {
            throw new MediaProbeException(path, "ffprobe printed no readable description", ex);
        }
    }
}
