namespace Framecast.Features.Processing;

public static class WatermarkPositions
{
    public static readonly string[] Names = ["top-left", "top-right", "bottom-left", "bottom-right"];

    public static string Name(WatermarkPosition position) => Names[(int)position];

    public static WatermarkPosition? Parse(string? name) =>
        Array.IndexOf(Names, name) is var i and >= 0 ? (WatermarkPosition)i : null;
}
