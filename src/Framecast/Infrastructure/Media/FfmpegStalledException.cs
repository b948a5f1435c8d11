namespace Framecast.Infrastructure.Media;

/// <summary>A progress-reporting run printed no progress for <see cref="StallTimeout"/> and was killed.</summary>
public sealed class FfmpegStalledException(TimeSpan stallTimeout, int exitCode, IReadOnlyList<string> stderrTail)
    : FfmpegException($"ffmpeg reported no progress for {stallTimeout} and was killed", exitCode, stderrTail)
{
    public TimeSpan StallTimeout { get; } = stallTimeout;
}
