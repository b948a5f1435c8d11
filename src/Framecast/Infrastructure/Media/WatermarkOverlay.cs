namespace Framecast.Infrastructure.Media;

/// <summary>A PNG burned into every rendition, in a corner, scaled to a share of the picture's width.</summary>
/// <param name="Opacity">0.1 to 1, multiplied into the PNG's own alpha.</param>
/// <param name="WidthPercent">The watermark's width as a share of the video's width.</param>
public sealed record WatermarkOverlay(string PngPath, bool Right, bool Bottom, double Opacity, int WidthPercent);
