namespace Framecast.Infrastructure.Media;

/// <summary>The only way Framecast starts ffmpeg or ffprobe; a test seam over the process.</summary>
public interface IFfmpegRunner
{
    /// <summary>
    /// Runs to completion. Throws <see cref="FfmpegException"/> on a non-zero exit, <see cref="FfmpegStalledException"/>
    /// when a progress-reporting run goes quiet for its stall timeout, and <see cref="OperationCanceledException"/> when
    /// cancelled. The process has always exited before this returns or throws, so outputs are safe to touch.
    /// </summary>
    Task<FfmpegResult> RunAsync(FfmpegCommand command, IProgress<TranscodeProgress>? progress, CancellationToken cancellationToken);
}
