namespace Framecast.Infrastructure.Media;

/// <summary>The layout of a storyboard sprite: one tile every <see cref="IntervalSeconds"/>, row by row.</summary>
public sealed record StoryboardPlan(double DurationSeconds, int IntervalSeconds, int TileCount, int Columns, int Rows, int TileWidth, int TileHeight)
{
    public const int MaxTiles = 100;
    public const int MaxColumns = 10;

    /// <summary>160x90 tiles, whole seconds apart, at most 100 of them; a clip too short to know its length gets one tile.</summary>
    public static StoryboardPlan For(double durationSeconds)
    {
        var duration = double.IsFinite(durationSeconds) ? Math.Max(0, durationSeconds) : 0;
        var interval = Math.Max(1, (int)Math.Ceiling(duration / MaxTiles));
        var tiles = Math.Clamp((int)Math.Ceiling(duration / interval), 1, MaxTiles);
        var columns = Math.Min(MaxColumns, tiles);
        return new StoryboardPlan(duration, interval, tiles, columns, (tiles + columns - 1) / columns, 160, 90);
    }
}
