using System.Text.Json;

namespace Framecast.Infrastructure.Media;

public sealed class FfprobeClient(IFfmpegRunner runner)
{
    /// <summary>
    /// Probes a local file. Returns <see cref="MediaInfo.Video"/> null for a file without decodable video; throws
    /// <see cref="MediaProbeException"/> when ffprobe cannot read it at all. Both mean <c>media.unsupported</c>.
    /// </summary>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        // "file:" keeps a name such as "http:x" or "-" from being read as a protocol or stdin.
        var command = FfmpegCommand.Ffprobe(["-v", "error", "-print_format", "json", "-show_format", "-show_streams", $"file:{path}"]);
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
            return FfprobeJsonParser.Parse(result.Stdout);
        }
        catch (JsonException ex)
        {
            throw new MediaProbeException(path, "ffprobe printed no readable description", ex);
        }
    }
}
