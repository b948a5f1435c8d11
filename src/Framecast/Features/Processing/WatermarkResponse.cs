namespace Framecast.Features.Processing;

public sealed record WatermarkResponse(string Position, double Opacity, int WidthPercent, string ImageUrl, DateTime UpdatedAt)
{
    public static WatermarkResponse From(ChannelWatermark mark) =>
        new(WatermarkPositions.Name(mark.Position), mark.Opacity, mark.WidthPercent, WatermarkEndpoints.ImagePath, mark.UpdatedAt);
}
