namespace Framecast.Features.Live.Hls;

/// <summary>One media segment of a live rendition: whole parts, complete once the next one starts (or the stream ends).</summary>
public sealed class LiveSegment(long msn, DateTimeOffset programDateTime, int initVersion, bool discontinuity)
{
    private readonly List<LivePart> _parts = [];

    public long Msn { get; } = msn;
    public DateTimeOffset ProgramDateTime { get; } = programDateTime;
    public int InitVersion { get; } = initVersion;

    /// <summary>True for the first segment after the publisher reconnected (a new transcoder, new timestamps).</summary>
    public bool Discontinuity { get; } = discontinuity;

    public IReadOnlyList<LivePart> Parts => _parts;
    public double Duration { get; private set; }
    public bool Complete { get; private set; }
    public long Bytes { get; private set; }

    public void Add(LivePart part)
    {
        _parts.Add(part);
        Duration += part.Duration;
        Bytes += part.Bytes.Length;
    }

    public void Close() => Complete = true;
}
