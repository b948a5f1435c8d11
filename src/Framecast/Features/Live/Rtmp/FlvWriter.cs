using System.Buffers.Binary;

namespace Framecast.Features.Live.Rtmp;

/// <summary>
/// Turns a publisher's RTMP media messages back into an FLV stream (the payloads already are FLV tag bodies), which is
/// what ffmpeg reads on a pipe (`-f flv -i pipe:0`): header, then per message an 11-byte tag header, the body and the
/// previous tag's size.
/// </summary>
public sealed class FlvWriter(Stream output)
{
    private static readonly byte[] Header = [(byte)'F', (byte)'L', (byte)'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0];
    private bool _started;

    /// <summary>Writes an audio (8), video (9) or script data (18) message; anything else is not FLV and is skipped.</summary>
    public async Task WriteAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        if (message.TypeId is not (8 or 9 or 18))
        {
            return;
        }
        if (!_started)
        {
            await output.WriteAsync(Header, cancellationToken);
            _started = true;
        }
        var payload = message.TypeId == 18 ? WithoutSetDataFrame(message.Payload) : message.Payload;
        var tag = new byte[11];
        tag[0] = message.TypeId;
        tag[1] = (byte)(payload.Length >> 16);
        tag[2] = (byte)(payload.Length >> 8);
        tag[3] = (byte)payload.Length;
        // FLV keeps the timestamp as 24 bits plus an extension byte for the high 8 bits.
        tag[4] = (byte)(message.Timestamp >> 16);
        tag[5] = (byte)(message.Timestamp >> 8);
        tag[6] = (byte)message.Timestamp;
        tag[7] = (byte)(message.Timestamp >> 24);
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)(11 + payload.Length));
        await output.WriteAsync(tag, cancellationToken);
        await output.WriteAsync(payload, cancellationToken);
        await output.WriteAsync(size, cancellationToken);
    }

    // Publishers send metadata as "@setDataFrame", "onMetaData", {…}; in a file it is "onMetaData", {…}.
    private static byte[] WithoutSetDataFrame(byte[] payload)
    {
        ReadOnlySpan<byte> prefix = [0x02, 0x00, 0x0D, .. "@setDataFrame"u8];
        return payload.AsSpan().StartsWith(prefix) ? payload[prefix.Length..] : payload;
    }
}
