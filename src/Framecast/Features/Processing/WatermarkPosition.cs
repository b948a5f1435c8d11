namespace Framecast.Features.Processing;

/// <summary>The corner a watermark sits in; in the API <c>top-left</c>, <c>top-right</c>, <c>bottom-left</c>, <c>bottom-right</c>.</summary>
public enum WatermarkPosition
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}
