namespace Framecast.Features.Live.Hls;

/// <summary>One LL-HLS partial segment: a fragment of the transcoder's output, numbered across the whole rendition.</summary>
public sealed record LivePart(long Index, double Duration, bool Independent, byte[] Bytes);
