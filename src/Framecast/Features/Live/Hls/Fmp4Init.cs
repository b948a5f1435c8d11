using System.Buffers.Binary;

namespace Framecast.Features.Live.Hls;

/// <summary>The init section (ftyp + moov) of a fragmented MP4 and the tracks it declares.</summary>
public sealed class Fmp4Init
{
    private Fmp4Init(byte[] bytes, IReadOnlyList<Fmp4Track> tracks)
    {
        Bytes = bytes;
        Tracks = tracks;
    }

    public byte[] Bytes { get; }
    public IReadOnlyList<Fmp4Track> Tracks { get; }

    /// <summary>The track whose timing drives parts and segments: the video track, else the first one.</summary>
    public Fmp4Track? TimingTrack => Tracks.FirstOrDefault(t => t.IsVideo) ?? Tracks.FirstOrDefault();

    public Fmp4Track? Video => Tracks.FirstOrDefault(t => t.IsVideo);

    /// <summary>For a master playlist's CODECS: every recognised track's codec, video first.</summary>
    public string Codecs => string.Join(",", Tracks.OrderBy(t => t.IsVideo ? 0 : 1).Select(t => t.Codec).OfType<string>());

    /// <summary>Parses <paramref name="bytes"/>, which hold ftyp (optional) and moov; null when there is no usable moov.</summary>
    public static Fmp4Init? Parse(byte[] bytes)
    {
        var moov = Mp4Box.Children(bytes, 0, bytes.Length).FirstOrDefault(b => b.Type == "moov");
        if (moov.Type != "moov")
        {
            return null;
        }
        var defaults = new Dictionary<uint, (uint Duration, uint Flags)>();
        if (moov.Child(bytes, "mvex") is { } mvex)
        {
            foreach (var trex in mvex.Children(bytes).Where(b => b.Type == "trex" && b.BodyLength >= 24))
            {
                var body = bytes.AsSpan(trex.BodyStart);
                defaults[BinaryPrimitives.ReadUInt32BigEndian(body[4..])] =
                    (BinaryPrimitives.ReadUInt32BigEndian(body[12..]), BinaryPrimitives.ReadUInt32BigEndian(body[20..]));
            }
        }
        var tracks = new List<Fmp4Track>();
        foreach (var trak in moov.Children(bytes).Where(b => b.Type == "trak"))
        {
            if (ParseTrack(bytes, trak, defaults) is { } track)
            {
                tracks.Add(track);
            }
        }
        return tracks.Count == 0 ? null : new Fmp4Init(bytes, tracks);
    }

    private static Fmp4Track? ParseTrack(byte[] bytes, Mp4Box trak, Dictionary<uint, (uint Duration, uint Flags)> defaults)
    {
        if (trak.Child(bytes, "tkhd") is not { } tkhd || trak.Child(bytes, "mdia") is not { } mdia
            || mdia.Child(bytes, "mdhd") is not { } mdhd || mdia.Child(bytes, "hdlr") is not { } hdlr || hdlr.BodyLength < 12)
        {
            return null;
        }
        var tkhdVersion = bytes[tkhd.BodyStart];
        var id = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(tkhd.BodyStart + (tkhdVersion == 1 ? 20 : 12)));
        var mdhdVersion = bytes[mdhd.BodyStart];
        var timescale = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mdhd.BodyStart + (mdhdVersion == 1 ? 20 : 12)));
        var handler = System.Text.Encoding.ASCII.GetString(bytes, hdlr.BodyStart + 8, 4);
        var (width, height, codec) = SampleEntry(bytes, mdia);
        var (duration, flags) = defaults.GetValueOrDefault(id);
        return timescale == 0 ? null : new Fmp4Track(id, handler, timescale, width, height, codec, duration, flags);
    }

    private static (int Width, int Height, string? Codec) SampleEntry(byte[] bytes, Mp4Box mdia)
    {
        if (mdia.Child(bytes, "minf")?.Child(bytes, "stbl")?.Child(bytes, "stsd") is not { } stsd || stsd.BodyLength < 16)
        {
            return (0, 0, null);
        }
        var entries = Mp4Box.Children(bytes, stsd.BodyStart + 8, stsd.End).ToList();
        if (entries.Count == 0)
        {
            return (0, 0, null);
        }
        var entry = entries[0];
        switch (entry.Type)
        {
            case "avc1" or "avc3" when entry.BodyLength >= 78:
            {
                var width = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(entry.BodyStart + 24));
                var height = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(entry.BodyStart + 26));
                var avcC = Mp4Box.Children(bytes, entry.BodyStart + 78, entry.End).FirstOrDefault(b => b.Type == "avcC");
                var codec = avcC.Type == "avcC" && avcC.BodyLength >= 4
                    ? $"{entry.Type}.{bytes[avcC.BodyStart + 1]:x2}{bytes[avcC.BodyStart + 2]:x2}{bytes[avcC.BodyStart + 3]:x2}"
                    : null;
                return (width, height, codec);
            }
            case "mp4a":
                return (0, 0, "mp4a.40.2");
            default:
                return (0, 0, null);
        }
    }
}
