using System.Globalization;
using System.Text.RegularExpressions;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// A client's reading of an LL-HLS media playlist (draft-pantos-hls-rfc8216bis), strict about what Framecast writes:
/// every line is a known tag or a URI, segments get their media sequence number from EXT-X-MEDIA-SEQUENCE, parts after
/// the last EXTINF belong to the segment being made.
/// </summary>
public sealed partial record LivePlaylist(
    string Text,
    int Version,
    int TargetDuration,
    bool CanBlockReload,
    double PartHoldBack,
    double PartTarget,
    long MediaSequence,
    long DiscontinuitySequence,
    IReadOnlyList<LivePlaylist.Segment> Segments,
    string? PreloadHint,
    bool Ended,
    IReadOnlyList<string> RenditionReports)
{
    public sealed record Part(string Uri, double Duration, bool Independent);

    /// <summary>A segment; <see cref="Uri"/> and <see cref="Duration"/> are null while it is being made (parts only).</summary>
    public sealed record Segment(long Msn, bool Discontinuity, string? Map, DateTimeOffset? ProgramDateTime, IReadOnlyList<Part> Parts, double? Duration, string? Uri)
    {
        public bool Complete => Uri is not null;
    }

    public IEnumerable<Part> Parts => Segments.SelectMany(s => s.Parts);

    public IEnumerable<string> Maps => Segments.Select(s => s.Map).OfType<string>().Distinct();

    /// <summary>The part a blocking request asks for next: (msn, part) right after the last one listed.</summary>
    public (long Msn, int Part) NextPart()
    {
        var last = Segments[^1];
        return last.Complete ? (last.Msn + 1, 0) : (last.Msn, last.Parts.Count);
    }

    /// <summary>The part number in a <c>partN.m4s</c> name.</summary>
    public static long PartNumber(string uri) => long.Parse(PartName().Match(uri).Groups[1].Value, CultureInfo.InvariantCulture);

    public static LivePlaylist Parse(string text)
    {
        var lines = text.Split('\n');
        lines[0].Should().Be("#EXTM3U", "a playlist starts with EXTM3U");
        text.Should().EndWith("\n");
        int? version = null, target = null;
        bool canBlock = false, ended = false;
        double holdBack = 0, partTarget = 0;
        long mediaSequence = 0, discontinuitySequence = 0;
        string? hint = null, map = null;
        var reports = new List<string>();
        var segments = new List<Segment>();
        var parts = new List<Part>();
        bool discontinuity = false;
        DateTimeOffset? pdt = null;
        double? extinf = null;
        string? segmentMap = null;

        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            if (extinf is { } duration)
            {
                line.Should().NotStartWith("#", "EXTINF is followed by its URI");
                segments.Add(new Segment(mediaSequence + segments.Count, discontinuity, segmentMap ?? map, pdt, parts, duration, line));
                (parts, discontinuity, pdt, extinf, segmentMap) = ([], false, null, null, null);
                continue;
            }
            var (tag, value) = line.IndexOf(':') is var colon and > 0 ? (line[..colon], line[(colon + 1)..]) : (line, "");
            switch (tag)
            {
                case "#EXT-X-VERSION":
                    version = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "#EXT-X-TARGETDURATION":
                    target = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "#EXT-X-SERVER-CONTROL":
                    var control = Attributes(value);
                    canBlock = control.GetValueOrDefault("CAN-BLOCK-RELOAD") == "YES";
                    holdBack = Number(control["PART-HOLD-BACK"]);
                    break;
                case "#EXT-X-PART-INF":
                    partTarget = Number(Attributes(value)["PART-TARGET"]);
                    break;
                case "#EXT-X-MEDIA-SEQUENCE":
                    segments.Should().BeEmpty("EXT-X-MEDIA-SEQUENCE comes before the first segment");
                    mediaSequence = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "#EXT-X-DISCONTINUITY-SEQUENCE":
                    segments.Should().BeEmpty("EXT-X-DISCONTINUITY-SEQUENCE comes before the first segment");
                    discontinuitySequence = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "#EXT-X-DISCONTINUITY":
                    parts.Should().BeEmpty("a segment's tags come before its first EXT-X-PART");
                    discontinuity = true;
                    break;
                case "#EXT-X-MAP":
                    parts.Should().BeEmpty("a segment's tags come before its first EXT-X-PART");
                    map = Attributes(value)["URI"];
                    segmentMap = map;
                    break;
                case "#EXT-X-PROGRAM-DATE-TIME":
                    parts.Should().BeEmpty("a segment's tags come before its first EXT-X-PART");
                    pdt = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    break;
                case "#EXT-X-PART":
                    var part = Attributes(value);
                    parts.Add(new Part(part["URI"], Number(part["DURATION"]), part.GetValueOrDefault("INDEPENDENT") == "YES"));
                    break;
                case "#EXTINF":
                    extinf = Number(value.TrimEnd(',').Split(',')[0]);
                    break;
                case "#EXT-X-PRELOAD-HINT":
                    var preload = Attributes(value);
                    preload["TYPE"].Should().Be("PART");
                    hint = preload["URI"];
                    break;
                case "#EXT-X-RENDITION-REPORT":
                    reports.Add(value);
                    break;
                case "#EXT-X-ENDLIST":
                    ended = true;
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"Unexpected playlist line '{line}' in:\n{text}");
            }
        }
        extinf.Should().BeNull("the last EXTINF has its URI");
        if (parts.Count > 0)
        {
            segments.Add(new Segment(mediaSequence + segments.Count, discontinuity, segmentMap ?? map, pdt, parts, null, null));
        }
        version.Should().NotBeNull("EXT-X-VERSION is there");
        target.Should().NotBeNull("EXT-X-TARGETDURATION is required");
        return new LivePlaylist(text, version!.Value, target!.Value, canBlock, holdBack, partTarget, mediaSequence, discontinuitySequence, segments, hint, ended, reports);
    }

    public static Dictionary<string, string> Attributes(string list)
    {
        var attributes = new Dictionary<string, string>();
        foreach (Match m in AttributePattern().Matches(list))
        {
            attributes[m.Groups["k"].Value] = m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["v"].Value;
        }
        return attributes;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex("(?<k>[A-Z0-9-]+)=(?:\"(?<q>[^\"]*)\"|(?<v>[^,]*))")]
    private static partial Regex AttributePattern();

    [GeneratedRegex("^part([0-9]+)\\.m4s$")]
    private static partial Regex PartName();
}

/// <summary>A master playlist's variants: the EXT-X-STREAM-INF attributes and the URI under each.</summary>
public sealed record LiveMasterPlaylist(IReadOnlyList<LiveMasterPlaylist.Variant> Variants)
{
    public sealed record Variant(long Bandwidth, string? Resolution, string? Codecs, string Uri);

    public static LiveMasterPlaylist Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("#EXTM3U");
        var variants = new List<Variant>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                var attributes = LivePlaylist.Attributes(lines[i]["#EXT-X-STREAM-INF:".Length..]);
                variants.Add(new Variant(long.Parse(attributes["BANDWIDTH"], CultureInfo.InvariantCulture),
                    attributes.GetValueOrDefault("RESOLUTION"), attributes.GetValueOrDefault("CODECS"), lines[++i]));
            }
        }
        return new LiveMasterPlaylist(variants);
    }
}
