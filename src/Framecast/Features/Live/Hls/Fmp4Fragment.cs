using System.Buffers.Binary;

namespace Framecast.Features.Live.Hls;

/// <summary>
/// One fragment (moof + mdat) of a fragmented MP4, timed on the init's timing track: where it starts, how long it
/// lasts and whether it starts with a sync sample (a part a player can start on).
/// </summary>
public sealed record Fmp4Fragment(byte[] Bytes, double Start, double Duration, bool Independent)
{
    private const uint NonSyncSample = 0x0001_0000;

    /// <summary>Times the fragment in <paramref name="bytes"/> (moof, then mdat); null when the timing track is absent from it.</summary>
    public static Fmp4Fragment? Parse(byte[] bytes, Fmp4Init init)
    {
        if (init.TimingTrack is not { } track)
        {
            return null;
        }
        var moof = Mp4Box.Children(bytes, 0, bytes.Length).FirstOrDefault(b => b.Type == "moof");
        if (moof.Type != "moof")
        {
            return null;
        }
        foreach (var traf in moof.Children(bytes).Where(b => b.Type == "traf"))
        {
            if (TimeTrack(bytes, traf, track) is { } timing)
            {
                return new Fmp4Fragment(bytes, timing.Start, timing.Duration, timing.Independent);
            }
        }
        return null;
    }

    private static (double Start, double Duration, bool Independent)? TimeTrack(byte[] bytes, Mp4Box traf, Fmp4Track track)
    {
        if (traf.Child(bytes, "tfhd") is not { BodyLength: >= 8 } tfhd)
        {
            return null;
        }
        var tfhdFlags = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(tfhd.BodyStart)) & 0xFFFFFF;
        if (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(tfhd.BodyStart + 4)) != track.Id)
        {
            return null;
        }
        var at = tfhd.BodyStart + 8;
        if ((tfhdFlags & 0x01) != 0) at += 8; // base data offset
        if ((tfhdFlags & 0x02) != 0) at += 4; // sample description index
        var defaultDuration = track.DefaultSampleDuration;
        var defaultFlags = track.DefaultSampleFlags;
        if ((tfhdFlags & 0x08) != 0 && at + 4 <= tfhd.End)
        {
            defaultDuration = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            at += 4;
        }
        if ((tfhdFlags & 0x10) != 0) at += 4; // default sample size
        if ((tfhdFlags & 0x20) != 0 && at + 4 <= tfhd.End)
        {
            defaultFlags = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        }

        ulong decodeTime = 0;
        if (traf.Child(bytes, "tfdt") is { BodyLength: >= 8 } tfdt)
        {
            decodeTime = bytes[tfdt.BodyStart] == 1 && tfdt.BodyLength >= 12
                ? BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(tfdt.BodyStart + 4))
                : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(tfdt.BodyStart + 4));
        }
        ulong duration = 0;
        bool? independent = null;
        foreach (var trun in traf.Children(bytes).Where(b => b.Type == "trun" && b.BodyLength >= 8))
        {
            var flags = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(trun.BodyStart)) & 0xFFFFFF;
            var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(trun.BodyStart + 4));
            var p = trun.BodyStart + 8;
            if ((flags & 0x001) != 0) p += 4; // data offset
            uint? firstFlags = null;
            if ((flags & 0x004) != 0 && p + 4 <= trun.End)
            {
                firstFlags = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(p));
                p += 4;
            }
            var entrySize = 4 * (((flags & 0x100) != 0 ? 1 : 0) + ((flags & 0x200) != 0 ? 1 : 0) + ((flags & 0x400) != 0 ? 1 : 0) + ((flags & 0x800) != 0 ? 1 : 0));
            if (p + (long)entrySize * count > trun.End)
            {
                return null;
            }
            for (var i = 0; i < count; i++)
            {
                var q = p;
                var sampleDuration = defaultDuration;
                if ((flags & 0x100) != 0) { sampleDuration = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(q)); q += 4; }
                if ((flags & 0x200) != 0) q += 4;
                var sampleFlags = i == 0 && firstFlags is { } first ? first : defaultFlags;
                if ((flags & 0x400) != 0) { sampleFlags = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(q)); }
                if (i == 0 && independent is null)
                {
                    independent = (sampleFlags & NonSyncSample) == 0;
                }
                duration += sampleDuration;
                p += entrySize;
            }
        }
        return ((double)decodeTime / track.Timescale, (double)duration / track.Timescale, independent ?? false);
    }
}
