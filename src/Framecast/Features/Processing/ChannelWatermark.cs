namespace Framecast.Features.Processing;

/// <summary>A channel's watermark settings; the PNG is the blob <see cref="BlobKey"/>.</summary>
public sealed class ChannelWatermark
{
    public required string UserId { get; init; }
    public WatermarkPosition Position { get; set; } = WatermarkPosition.BottomRight;

    /// <summary>0.1 (faint) to 1 (as drawn).</summary>
    public double Opacity { get; set; } = 0.8;

    /// <summary>The watermark's width as a share of the video's width, in percent.</summary>
    public int WidthPercent { get; set; } = 15;

    public DateTime UpdatedAt { get; set; }

    public string BlobKey => BlobKeyOf(UserId);

    public static string BlobKeyOf(string userId) => $"_watermarks/{userId}.png";
}
