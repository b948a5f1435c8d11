namespace Framecast.Features.Live.Hls;

/// <summary>A track of a fragmented MP4's init section, with what fragments leave to it (trex defaults).</summary>
/// <param name="Codec">RFC 6381 codec string, e.g. <c>avc1.64001f</c> or <c>mp4a.40.2</c>; null when not recognised.</param>
public sealed record Fmp4Track(uint Id, string Handler, uint Timescale, int Width, int Height, string? Codec, uint DefaultSampleDuration, uint DefaultSampleFlags)
{
    public bool IsVideo => Handler == "vide";
}
