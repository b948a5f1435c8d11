namespace Framecast.Features.Live.Broadcasts;

/// <summary>One rendition of a live broadcast: the source as published (<see cref="PassThrough"/>) or an encoding of it.</summary>
/// <param name="VideoKbps">The encoding's rate, or what the source's encoder declared (0 when it declared nothing).</param>
public sealed record LiveRung(string Name, int Width, int Height, int VideoKbps, bool PassThrough)
{
    public const string SourceName = "source";
}
