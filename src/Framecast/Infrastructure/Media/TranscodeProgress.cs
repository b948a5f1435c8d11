namespace Framecast.Infrastructure.Media;

/// <param name="Processed">Media time written so far (ffmpeg's <c>out_time_us</c>).</param>
/// <param name="Speed">Multiple of real time, when ffmpeg knows it yet.</param>
/// <param name="Done">The last block (<c>progress=end</c>).</param>
public sealed record TranscodeProgress(TimeSpan Processed, double? Speed, bool Done)
{
    /// <summary>0–1 of a source of <paramref name="durationSeconds"/>; 1 once done; 0 for an unknown duration.</summary>
    public double FractionOf(double durationSeconds) =>
        Done ? 1 : durationSeconds <= 0 ? 0 : Math.Clamp(Processed.TotalSeconds / durationSeconds, 0, 1);
}
