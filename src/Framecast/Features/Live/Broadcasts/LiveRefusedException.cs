namespace Framecast.Features.Live.Broadcasts;

/// <summary>A publisher's stream cannot be broadcast (codec, no video …); the reason is for the broadcaster to read.</summary>
public sealed class LiveRefusedException(string reason) : Exception(reason);
