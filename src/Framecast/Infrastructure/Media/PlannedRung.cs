namespace Framecast.Infrastructure.Media;

/// <summary>One rendition to encode for one source: even output dimensions, and <see cref="Name"/> doubles as its HLS folder.</summary>
public sealed record PlannedRung(string Name, int Width, int Height, int VideoKbps, int AudioKbps);
