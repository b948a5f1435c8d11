namespace Framecast.Features.Live.Rtmp;

/// <summary>
/// One publisher's connection after the handshake: protocol control messages, the AMF0 commands OBS and ffmpeg send
/// (connect, releaseStream, FCPublish, createStream, publish, FCUnpublish, deleteStream), acknowledgements per window,
/// and the media handed to <see cref="IRtmpPublishHandler"/>. Ends when the peer closes or unpublishes; throws
/// <see cref="RtmpProtocolException"/> when it breaks the protocol.
/// </summary>
public sealed class RtmpSession(Stream stream, IRtmpPublishHandler handler)
{
    private const int OurChunkSize = 4096;
    private const uint WindowSize = 2_500_000;
    private const uint PublishStreamId = 1;

    private readonly ChunkStreamReader _reader = new();
    private readonly ChunkStreamWriter _writer = new(stream);
    private long _received;
    private long _acknowledged;
    private uint _peerWindow = WindowSize;

    /// <summary>The key being published, once <c>publish</c> was accepted.</summary>
    public string? StreamKey { get; private set; }

    /// <summary>Raised once <c>publish</c> was accepted (the connection's publish deadline can go).</summary>
    public event Action? Published;

    /// <summary>Why publishing was refused, when it was.</summary>
    public string? Refusal { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                // A chunk never exceeds the negotiated chunk size plus its header; a full buffer means it is bigger.
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, ChunkStreamReader.MaxMessageBytes + 64));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return;
            }
            filled += read;
            _received += read;
            var offset = 0;
            while (offset < filled && _reader.TryRead(buffer.AsSpan(offset, filled - offset), out var consumed, out var message))
            {
                offset += consumed;
                if (message is not null && !await HandleAsync(message, cancellationToken))
                {
                    return;
                }
            }
            Buffer.BlockCopy(buffer, offset, buffer, 0, filled - offset);
            filled -= offset;
            if (_received - _acknowledged >= _peerWindow)
            {
                _acknowledged = _received;
                await _writer.WriteControlAsync(3, (uint)_received, cancellationToken);
            }
        }
    }

    /// <summary>False when the session is over (refused or unpublished).</summary>
    private async Task<bool> HandleAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        switch (message.TypeId)
        {
            case 1 when message.Payload.Length >= 4:
                _reader.ChunkSize = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(message.Payload) & 0x7FFFFFFF);
                return true;
            case 5 when message.Payload.Length >= 4:
                _peerWindow = Math.Max(1, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(message.Payload));
                return true;
            case 8 or 9 or 18 when StreamKey is not null:
                await handler.OnMediaAsync(message, cancellationToken);
                return true;
            case 20:
                return await CommandAsync(Amf0.ReadAll(message.Payload), cancellationToken);
            default:
                return true; // acknowledgements, user control, peer bandwidth, media before publish: nothing to do
        }
    }

    private async Task<bool> CommandAsync(List<object?> values, CancellationToken cancellationToken)
    {
        var name = values.ElementAtOrDefault(0) as string;
        var transaction = values.ElementAtOrDefault(1) as double? ?? 0;
        switch (name)
        {
            case "connect":
                await _writer.WriteControlAsync(5, WindowSize, cancellationToken);
                await _writer.WriteSetPeerBandwidthAsync(WindowSize, cancellationToken);
                await _writer.SetChunkSizeAsync(OurChunkSize, cancellationToken);
                await _writer.WriteCommandAsync(0,
                [
                    "_result", transaction,
                    new Dictionary<string, object?> { ["fmsVer"] = "FMS/3,0,1,123", ["capabilities"] = 31.0 },
                    Status("status", "NetConnection.Connect.Success", "Connection succeeded.", ("objectEncoding", 0.0)),
                ], cancellationToken);
                return true;
            case "releaseStream" or "FCPublish":
                await _writer.WriteCommandAsync(0, ["_result", transaction, null, null], cancellationToken);
                return true;
            case "createStream":
                await _writer.WriteCommandAsync(0, ["_result", transaction, null, (double)PublishStreamId], cancellationToken);
                return true;
            case "publish":
                return await PublishAsync(values.ElementAtOrDefault(3) as string ?? "", cancellationToken);
            case "FCUnpublish" or "deleteStream" or "closeStream":
                return false;
            default:
                return true;
        }
    }

    private async Task<bool> PublishAsync(string key, CancellationToken cancellationToken)
    {
        if (StreamKey is not null)
        {
            throw new RtmpProtocolException("A second publish on one connection.");
        }
        if (await handler.AuthorizeAsync(key, cancellationToken) is { } refusal)
        {
            Refusal = refusal;
            await _writer.WriteCommandAsync(PublishStreamId, ["onStatus", 0.0, null, Status("error", "NetStream.Publish.BadName", refusal)], cancellationToken);
            return false;
        }
        StreamKey = key;
        Published?.Invoke();
        await _writer.WriteStreamBeginAsync(PublishStreamId, cancellationToken);
        await _writer.WriteCommandAsync(PublishStreamId,
            ["onStatus", 0.0, null, Status("status", "NetStream.Publish.Start", "Publishing.")], cancellationToken);
        return true;
    }

    private static Dictionary<string, object?> Status(string level, string code, string description, params (string Key, object? Value)[] extra)
    {
        var status = new Dictionary<string, object?> { ["level"] = level, ["code"] = code, ["description"] = description };
        foreach (var (key, value) in extra)
        {
            status[key] = value;
        }
        return status;
    }
}
