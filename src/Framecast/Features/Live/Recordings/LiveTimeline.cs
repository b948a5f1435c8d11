namespace Framecast.Features.Live.Recordings;

/// <summary>
/// Maps a moment of a broadcast (wall clock) to a point of its recording: the recording is its runs end to end, so
/// the time between a drop and the reconnect is not in it. A moment in such a gap lands where the next run begins.
/// </summary>
public sealed class LiveTimeline(IReadOnlyList<LiveRun> runs)
{
    public IReadOnlyList<LiveRun> Runs { get; } = runs;

    public double TotalSeconds => Runs.Sum(r => r.Seconds);

    /// <summary>Milliseconds into the recording of <paramref name="moment"/>, clamped to the recording.</summary>
    public long OffsetMsOf(DateTime moment)
    {
        var before = 0.0;
        foreach (var run in Runs)
        {
            var into = (moment - run.Start).TotalSeconds;
            if (into < 0)
            {
                break;
            }
            if (into <= run.Seconds)
            {
                return (long)Math.Round((before + into) * 1000);
            }
            before += run.Seconds;
        }
        return (long)Math.Round(before * 1000);
    }
}
