using System.Globalization;
using System.Text;

namespace Framecast.Infrastructure.Media;

/// <summary>WebVTT cues mapping each time range to its tile (<c>storyboard.jpg#xywh=x,y,w,h</c>), as players' hover previews expect.</summary>
public static class StoryboardVttWriter
{
    /// <param name="imageUrl">How the VTT refers to the sprite, usually relative: <c>storyboard.jpg</c>.</param>
    public static string Write(StoryboardPlan plan, string imageUrl = "storyboard.jpg")
    {
        var vtt = new StringBuilder("WEBVTT\n");
        var end = plan.DurationSeconds > 0 ? plan.DurationSeconds : plan.IntervalSeconds;
        for (var i = 0; i < plan.TileCount; i++)
        {
            var from = (double)i * plan.IntervalSeconds;
            var to = i == plan.TileCount - 1 ? Math.Max(end, from + 0.001) : Math.Min(end, from + plan.IntervalSeconds);
            var x = i % plan.Columns * plan.TileWidth;
            var y = i / plan.Columns * plan.TileHeight;
            vtt.Append(CultureInfo.InvariantCulture, $"\n{Timestamp(from)} --> {Timestamp(to)}\n{imageUrl}#xywh={x},{y},{plan.TileWidth},{plan.TileHeight}\n");
        }
        return vtt.ToString();
    }

    private static string Timestamp(double seconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
    }
}
