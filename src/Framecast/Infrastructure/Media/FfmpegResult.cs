namespace Framecast.Infrastructure.Media;

/// <param name="Stdout">All of stdout, or empty for progress-reporting runs (their stdout is the progress stream).</param>
/// <param name="StderrTail">The last 50 stderr lines.</param>
public sealed record FfmpegResult(string Stdout, IReadOnlyList<string> StderrTail);
