namespace Framecast.Infrastructure.Media;

/// <summary>A configured rendition. <see cref="ShortSide"/> is the "1080" of 1080p: the height of landscape video, the width of portrait video.</summary>
public sealed record LadderRung(string Name, int ShortSide, int VideoKbps, int AudioKbps)
{
    /// <summary>The names <c>Processing:Ladder</c> accepts. H.264 bitrates after Apple's HLS authoring spec, rounded down for a VOD site.</summary>
    public static IReadOnlyList<LadderRung> Known { get; } =
    [
        new("2160p", 2160, 16000, 192),
        new("1440p", 1440, 9000, 192),
        new("1080p", 1080, 5000, 128),
        new("720p", 720, 2800, 128),
        new("480p", 480, 1400, 96),
        new("360p", 360, 800, 96),
        new("240p", 240, 400, 64),
        new("144p", 144, 200, 48),
    ];

    public static LadderRung? Find(string name) =>
        Known.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
