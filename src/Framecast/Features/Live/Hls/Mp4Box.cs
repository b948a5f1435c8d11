using System.Buffers.Binary;

namespace Framecast.Features.Live.Hls;

/// <summary>One ISO-BMFF box inside a buffer: its four-character type and where its body lies.</summary>
public readonly record struct Mp4Box(string Type, int Start, int BodyStart, int End)
{
    /// <summary>The boxes laid end to end in <paramref name="data"/>[start, end); stops at the first one that does not fit.</summary>
    public static IEnumerable<Mp4Box> Children(byte[] data, int start, int end)
    {
        var offset = start;
        while (offset + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
            var header = 8;
            if (size == 1 && offset + 16 <= end)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(offset + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = end - offset;
            }
            if (size < header || offset + size > end)
            {
                yield break;
            }
            yield return new Mp4Box(System.Text.Encoding.ASCII.GetString(data, offset + 4, 4), offset, offset + header, (int)(offset + size));
            offset += (int)size;
        }
    }

    public IEnumerable<Mp4Box> Children(byte[] data) => Children(data, BodyStart, End);

    public Mp4Box? Child(byte[] data, string type)
    {
        foreach (var child in Children(data))
        {
            if (child.Type == type)
            {
                return child;
            }
        }
        return null;
    }

    public int BodyLength => End - BodyStart;
}
