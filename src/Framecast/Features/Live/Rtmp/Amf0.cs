using System.Buffers.Binary;
using System.Text;

namespace Framecast.Features.Live.Rtmp;

/// <summary>
/// AMF0 (Adobe Action Message Format 0), the encoding of RTMP commands and metadata: numbers, booleans, strings,
/// objects, ECMA and strict arrays, dates, null and undefined. Values read as <see cref="double"/>, <see cref="bool"/>,
/// <see cref="string"/>, <c>Dictionary&lt;string, object?&gt;</c> (objects and ECMA arrays), <c>object?[]</c>,
/// <see cref="DateTime"/> or null. Nesting and counts are bounded: a peer cannot make us build an unbounded tree.
/// </summary>
public static class Amf0
{
    private const int MaxDepth = 16;
    private const int MaxItems = 4096;

    /// <summary>Every value in <paramref name="payload"/>, in order (an RTMP command: name, transaction id, arguments).</summary>
    public static List<object?> ReadAll(ReadOnlySpan<byte> payload)
    {
        var values = new List<object?>();
        var position = 0;
        while (position < payload.Length)
        {
            if (values.Count >= MaxItems)
            {
                throw new RtmpProtocolException("Too many AMF0 values in one message.");
            }
            values.Add(Read(payload, ref position, 0));
        }
        return values;
    }

    public static byte[] Write(params object?[] values)
    {
        var output = new List<byte>();
        foreach (var value in values)
        {
            Write(output, value);
        }
        return [.. output];
    }

    private static object? Read(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new RtmpProtocolException("AMF0 values nested too deep.");
        }
        var marker = Take(data, ref position, 1)[0];
        switch (marker)
        {
            case 0x00:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref position, 8));
            case 0x01:
                return Take(data, ref position, 1)[0] != 0;
            case 0x02:
                return ReadString(data, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref position, 2)));
            case 0x03:
                return ReadProperties(data, ref position, depth);
            case 0x05 or 0x06:
                return null; // null, undefined
            case 0x08:
                Take(data, ref position, 4); // the ECMA array's count is a hint only; the end marker ends it
                return ReadProperties(data, ref position, depth);
            case 0x0A:
                var count = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref position, 4));
                if (count > MaxItems)
                {
                    throw new RtmpProtocolException($"An AMF0 array of {count} items is over the limit.");
                }
                var items = new object?[count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Read(data, ref position, depth + 1);
                }
                return items;
            case 0x0B:
                var milliseconds = BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref position, 8));
                Take(data, ref position, 2); // time zone: unused, always 0
                return double.IsFinite(milliseconds) && Math.Abs(milliseconds) < 8.64e15
                    ? DateTime.UnixEpoch.AddMilliseconds(milliseconds)
                    : throw new RtmpProtocolException("An AMF0 date out of range.");
            case 0x0C:
                return ReadString(data, ref position, (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref position, 4)), int.MaxValue));
            default:
                throw new RtmpProtocolException($"Unsupported AMF0 type 0x{marker:x2}.");
        }
    }

    private static Dictionary<string, object?> ReadProperties(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            var name = ReadString(data, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref position, 2)));
            if (name.Length == 0 && position < data.Length && data[position] == 0x09)
            {
                position++;
                return properties;
            }
            if (properties.Count >= MaxItems)
            {
                throw new RtmpProtocolException("An AMF0 object with too many properties.");
            }
            properties[name] = Read(data, ref position, depth + 1);
        }
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int position, int length) =>
        Encoding.UTF8.GetString(Take(data, ref position, length));

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int position, int count)
    {
        if (count < 0 || data.Length - position < count)
        {
            throw new RtmpProtocolException("An AMF0 value runs past the end of its message.");
        }
        var slice = data.Slice(position, count);
        position += count;
        return slice;
    }

    private static void Write(List<byte> output, object? value)
    {
        Span<byte> buffer = stackalloc byte[8];
        switch (value)
        {
            case null:
                output.Add(0x05);
                break;
            case bool flag:
                output.Add(0x01);
                output.Add(flag ? (byte)1 : (byte)0);
                break;
            case string text:
                output.Add(0x02);
                WriteString(output, text);
                break;
            case IReadOnlyDictionary<string, object?> properties:
                output.Add(0x03);
                foreach (var (name, property) in properties)
                {
                    WriteString(output, name);
                    Write(output, property);
                }
                output.AddRange([0x00, 0x00, 0x09]);
                break;
            default:
                output.Add(0x00);
                BinaryPrimitives.WriteDoubleBigEndian(buffer, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                output.AddRange(buffer[..8]);
                break;
        }
    }

    private static void WriteString(List<byte> output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("AMF0 short strings hold at most 65,535 bytes.", nameof(text));
        }
        output.Add((byte)(bytes.Length >> 8));
        output.Add((byte)bytes.Length);
        output.AddRange(bytes);
    }
}
