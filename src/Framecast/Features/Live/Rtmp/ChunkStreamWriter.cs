using System.Buffers.Binary;

namespace Framecast.Features.Live.Rtmp;

/// <summary>Our side of the chunk stream: each message with a type-0 header, then type-3 continuations at our chunk size.</summary>
public sealed class ChunkStreamWriter(Stream stream)
{
    public const int ControlChunkStream = 2;
    public const int CommandChunkStream = 3;

    private int _chunkSize = ChunkStreamReader.DefaultChunkSize;

    public async Task WriteAsync(int chunkStreamId, byte typeId, uint messageStreamId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var output = new List<byte>(payload.Length + 16);
        var header = new byte[12];
        header[0] = (byte)chunkStreamId;
        // Timestamp 0: our messages are commands and controls, never media.
        header[4] = (byte)(payload.Length >> 16);
        header[5] = (byte)(payload.Length >> 8);
        header[6] = (byte)payload.Length;
        header[7] = typeId;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), messageStreamId);
        output.AddRange(header);
        for (var offset = 0; offset < payload.Length; offset += _chunkSize)
        {
            if (offset > 0)
            {
                output.Add((byte)(0xC0 | chunkStreamId));
            }
            output.AddRange(payload.Span.Slice(offset, Math.Min(_chunkSize, payload.Length - offset)).ToArray());
        }
        await stream.WriteAsync(output.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Tells the peer our chunk size (type 1) and uses it from the next message on.</summary>
    public async Task SetChunkSizeAsync(int size, CancellationToken cancellationToken)
    {
        await WriteControlAsync(1, (uint)size, cancellationToken);
        _chunkSize = size;
    }

    /// <summary>A protocol control message with one 32-bit value: 1 chunk size, 3 acknowledgement, 5 window ack size.</summary>
    public Task WriteControlAsync(byte typeId, uint value, CancellationToken cancellationToken)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        return WriteAsync(ControlChunkStream, typeId, 0, payload, cancellationToken);
    }

    public Task WriteSetPeerBandwidthAsync(uint size, CancellationToken cancellationToken)
    {
        var payload = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(payload, size);
        payload[4] = 2; // dynamic
        return WriteAsync(ControlChunkStream, 6, 0, payload, cancellationToken);
    }

    /// <summary>User control "Stream Begin" (event 0) for a message stream.</summary>
    public Task WriteStreamBeginAsync(uint messageStreamId, CancellationToken cancellationToken)
    {
        var payload = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(2), messageStreamId);
        return WriteAsync(ControlChunkStream, 4, 0, payload, cancellationToken);
    }

    /// <summary>An AMF0 command (type 20): name, transaction id, then its arguments.</summary>
    public Task WriteCommandAsync(uint messageStreamId, object?[] values, CancellationToken cancellationToken) =>
        WriteAsync(CommandChunkStream, 20, messageStreamId, Amf0.Write(values), cancellationToken);
}
