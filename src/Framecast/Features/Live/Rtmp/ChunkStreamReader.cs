using System.Buffers.Binary;

namespace Framecast.Features.Live.Rtmp;

/// <summary>
/// Reassembles RTMP messages from the chunk stream (Adobe RTMP 1.0 §5.3): basic headers of 1–3 bytes, message headers
/// of type 0–3, extended timestamps (also on type-3 chunks of a message that started with one), the peer's chunk
/// size. Written here because no RTMP server library installs (DEPENDENCIES.md). Incremental: <see cref="TryRead"/>
/// consumes nothing until a whole chunk is there, so the caller can feed whatever the socket gave. Memory is bounded
/// by <see cref="MaxMessageBytes"/> per message and <see cref="MaxChunkStreams"/> chunk streams per connection.
/// </summary>
public sealed class ChunkStreamReader
{
    public const int DefaultChunkSize = 128;
    public const int MaxMessageBytes = 8 * 1024 * 1024;
    public const int MaxChunkStreams = 64;
    private const uint ExtendedMarker = 0xFFFFFF;

    private readonly Dictionary<int, ChunkStreamState> _streams = [];
    private int _chunkSize = DefaultChunkSize;

    /// <summary>The peer's chunk size, from its Set Chunk Size message (type 1).</summary>
    public int ChunkSize
    {
        get => _chunkSize;
        set => _chunkSize = value is >= 1 and <= MaxMessageBytes ? value : throw new RtmpProtocolException($"Chunk size {value} is out of range.");
    }

    /// <summary>
    /// Reads one chunk from the start of <paramref name="input"/>. False (and nothing consumed) when the chunk is not
    /// all there yet. True with <paramref name="consumed"/> bytes used; <paramref name="message"/> is the message the
    /// chunk completed, or null when more chunks of it are to come.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> input, out int consumed, out RtmpMessage? message)
    {
        consumed = 0;
        message = null;
        if (!TryBasicHeader(input, out var format, out var csid, out var position))
        {
            return false;
        }
        var known = _streams.TryGetValue(csid, out var state);
        if (!known && format != 0)
        {
            throw new RtmpProtocolException($"Chunk stream {csid} starts with a type-{format} header.");
        }
        state ??= new ChunkStreamState();
        var headerLength = format switch { 0 => 11, 1 => 7, 2 => 3, _ => 0 };
        if (input.Length < position + headerLength)
        {
            return false;
        }
        var header = input.Slice(position, headerLength);
        position += headerLength;
        var startsMessage = state.Payload is null;

        var field = format < 3 ? UInt24(header) : state.LastField;
        var extended = format < 3 ? field == ExtendedMarker : state.LastFieldExtended;
        uint extendedValue = 0;
        if (extended)
        {
            if (input.Length < position + 4)
            {
                return false;
            }
            extendedValue = BinaryPrimitives.ReadUInt32BigEndian(input[position..]);
            position += 4;
        }
        var length = format <= 1 ? (int)UInt24(header[3..]) : state.Length;
        var type = format <= 1 ? header[6] : state.TypeId;
        var streamId = format == 0 ? BinaryPrimitives.ReadUInt32LittleEndian(header[7..]) : state.MessageStreamId;
        if (length > MaxMessageBytes)
        {
            throw new RtmpProtocolException($"A message of {length} bytes is over the limit of {MaxMessageBytes}.");
        }
        if (!startsMessage && format != 3)
        {
            throw new RtmpProtocolException($"Chunk stream {csid} started a new message before finishing the last one.");
        }
        var received = startsMessage ? 0 : state.Received;
        var chunkBytes = Math.Min(_chunkSize, length - received);
        if (input.Length < position + chunkBytes)
        {
            return false;
        }

        // From here on the chunk is whole: commit the header to the chunk stream's state.
        if (!known)
        {
            if (_streams.Count >= MaxChunkStreams)
            {
                throw new RtmpProtocolException($"More than {MaxChunkStreams} chunk streams on one connection.");
            }
            _streams[csid] = state;
        }
        if (startsMessage)
        {
            var value = extended ? extendedValue : field;
            switch (format)
            {
                case 0:
                    state.Timestamp = value;
                    state.Delta = 0;
                    break;
                case 1 or 2:
                    state.Delta = value;
                    state.Timestamp += value;
                    break;
                default:
                    // A new message on a type-3 header repeats the previous delta.
                    state.Timestamp += state.Delta;
                    break;
            }
            state.LastField = field;
            state.LastFieldExtended = extended;
            state.Length = length;
            state.TypeId = type;
            state.MessageStreamId = streamId;
            state.Payload = new byte[length];
            state.Received = 0;
        }
        input.Slice(position, chunkBytes).CopyTo(state.Payload.AsSpan(state.Received));
        state.Received += chunkBytes;
        consumed = position + chunkBytes;
        if (state.Received == state.Length)
        {
            message = new RtmpMessage(csid, state.Timestamp, state.TypeId, state.MessageStreamId, state.Payload!);
            state.Payload = null;
        }
        return true;
    }

    private static bool TryBasicHeader(ReadOnlySpan<byte> input, out int format, out int csid, out int length)
    {
        (format, csid, length) = (0, 0, 0);
        if (input.Length < 1)
        {
            return false;
        }
        format = input[0] >> 6;
        csid = input[0] & 0x3F;
        length = csid switch { 0 => 2, 1 => 3, _ => 1 };
        if (input.Length < length)
        {
            return false;
        }
        csid = csid switch { 0 => 64 + input[1], 1 => 64 + input[1] + (input[2] << 8), _ => csid };
        return true;
    }

    private static uint UInt24(ReadOnlySpan<byte> bytes) => (uint)((bytes[0] << 16) | (bytes[1] << 8) | bytes[2]);

    private sealed class ChunkStreamState
    {
        public uint Timestamp;
        public uint Delta;
        public uint LastField;
        public bool LastFieldExtended;
        public int Length;
        public byte TypeId;
        public uint MessageStreamId;
        public byte[]? Payload;
        public int Received;
    }
}
