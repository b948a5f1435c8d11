namespace Framecast.Features.Live.Rtmp;

/// <summary>One whole RTMP message, reassembled from its chunks.</summary>
/// <param name="TypeId">1 Set Chunk Size, 3 Acknowledgement, 5 Window Ack Size, 8 audio, 9 video, 18 data (AMF0), 20 command (AMF0) …</param>
/// <param name="Timestamp">Milliseconds, with the chunk stream's deltas applied (32-bit, wraps as the protocol does).</param>
public sealed record RtmpMessage(int ChunkStreamId, uint Timestamp, byte TypeId, uint MessageStreamId, byte[] Payload);
