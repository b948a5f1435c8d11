using System.Globalization;
using System.Text;

namespace Framecast.Features.Live.Hls;

/// <summary>
/// Writes a rendition's LL-HLS media playlist (draft-pantos-hls-rfc8216bis): server control for blocking reload,
/// the part target, one EXT-X-MAP per init, PROGRAM-DATE-TIME on every segment, parts for the last three target
/// durations and a preload hint for the next part. Parts are named by a number that runs across segments, so the
/// hinted part's name is right whichever segment it ends up in.
/// </summary>
public static class LlHlsPlaylistWriter
{
    public static string InitName(int version) => $"init{version}.mp4";
    public static string SegmentName(long msn) => $"seg{msn}.m4s";
    public static string PartName(long index) => $"part{index}.m4s";

    public static string Write(LiveHlsTiming timing, IReadOnlyList<LiveSegment> segments, IReadOnlyDictionary<int, Fmp4Init> inits,
        long discontinuitySequence, long nextPart, bool ended)
    {
        var text = new StringBuilder(2048);
        text.Append("#EXTM3U\n#EXT-X-VERSION:9\n");
        text.Append("#EXT-X-TARGETDURATION:").Append(timing.TargetDurationSeconds).Append('\n');
        text.Append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=").Append(Number(timing.PartHoldBack)).Append('\n');
        text.Append("#EXT-X-PART-INF:PART-TARGET=").Append(Number(timing.PartTarget)).Append('\n');
        text.Append("#EXT-X-MEDIA-SEQUENCE:").Append(segments.Count > 0 ? segments[0].Msn : 0).Append('\n');
        if (discontinuitySequence > 0)
        {
            text.Append("#EXT-X-DISCONTINUITY-SEQUENCE:").Append(discontinuitySequence).Append('\n');
        }

        // Parts are listed for the segments that end within three target durations of the live edge.
        var partsFrom = segments.Count;
        var fromEdge = 0.0;
        while (partsFrom > 0 && fromEdge < 3 * timing.TargetDurationSeconds)
        {
            partsFrom--;
            fromEdge += segments[partsFrom].Duration;
        }

        var mapped = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Discontinuity)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }
            if (segment.InitVersion != mapped && inits.ContainsKey(segment.InitVersion))
            {
                text.Append("#EXT-X-MAP:URI=\"").Append(InitName(segment.InitVersion)).Append("\"\n");
                mapped = segment.InitVersion;
            }
            text.Append("#EXT-X-PROGRAM-DATE-TIME:")
                .Append(segment.ProgramDateTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\n');
            if (i >= partsFrom)
            {
                foreach (var part in segment.Parts)
                {
                    text.Append("#EXT-X-PART:DURATION=").Append(Number(part.Duration)).Append(",URI=\"").Append(PartName(part.Index)).Append('"');
                    if (part.Independent)
                    {
                        text.Append(",INDEPENDENT=YES");
                    }
                    text.Append('\n');
                }
            }
            if (segment.Complete)
            {
                text.Append("#EXTINF:").Append(Number(segment.Duration)).Append(",\n").Append(SegmentName(segment.Msn)).Append('\n');
            }
        }
        if (ended)
        {
            text.Append("#EXT-X-ENDLIST\n");
        }
        else if (segments.Count > 0)
        {
            text.Append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"").Append(PartName(nextPart)).Append("\"\n");
        }
        return text.ToString();
    }

    /// <summary>EXT-X-RENDITION-REPORT lines for the other renditions of the broadcast.</summary>
    public static string RenditionReports(IEnumerable<LiveRendition> others)
    {
        var text = new StringBuilder();
        foreach (var other in others)
        {
            if (other.LastPart is { } last)
            {
                text.Append("#EXT-X-RENDITION-REPORT:URI=\"../").Append(other.Name).Append("/index.m3u8\",LAST-MSN=")
                    .Append(last.Msn).Append(",LAST-PART=").Append(last.Part).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
