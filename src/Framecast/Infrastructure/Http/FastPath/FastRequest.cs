namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// One HTTP/1.1 GET or HEAD request head as the fast path read it, viewed in place (nothing copied). Only heads whose
/// every header the fast path understands or may safely ignore come this far; all others go to Kestrel.
/// </summary>
public readonly ref struct FastRequest(bool isHead, ReadOnlySpan<byte> target, ReadOnlySpan<byte> range, string clientAddress)
{
    public bool IsHead { get; } = isHead;

    /// <summary>The raw request-target, e.g. <c>/media/abc/hls/720p/seg_00001.m4s</c>: printable ASCII, not decoded.</summary>
    public ReadOnlySpan<byte> Target { get; } = target;

    /// <summary>The Range header's value, empty when there is none.</summary>
    public ReadOnlySpan<byte> Range { get; } = range;

    /// <summary>The peer's address as Kestrel would report it (<c>IPAddress.ToString()</c>).</summary>
    public string ClientAddress { get; } = clientAddress;
}
