namespace Framecast.Features.Live.Broadcasts;

/// <summary>One rendition of a live broadcast: the source as published (<see cref="PassThrough"/>) or an encoding of it.</summary>
public sealed record LiveRung(string Name, int Width, int Height, int VideoKbps, bool PassThrough)
{
    public const string SourceName = "source";
}
