using System.Globalization;

namespace Framecast.Infrastructure.Media;

/// <summary>
/// Reads the <c>key=value</c> lines of <c>-progress</c>; a block ends with <c>progress=continue</c> or
/// <c>progress=end</c>. Feed lines in order to one instance per run.
/// </summary>
public sealed class FfmpegProgressParser
{
    private TimeSpan processed;
    private double? speed;

    /// <summary>Returns the progress when <paramref name="line"/> closes a block, otherwise null.</summary>
    public TranscodeProgress? Accept(string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }
        var key = line.AsSpan(0, equals).Trim();
        var value = line.AsSpan(equals + 1).Trim();
        switch (key)
        {
            // Before the first packet both are "N/A"; keep the last known value rather than jump back to zero.
            case "out_time_us" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us >= 0:
                processed = TimeSpan.FromMicroseconds(us);
                break;
            case "speed" when value.EndsWith("x") && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s):
                speed = s;
                break;
            case "progress":
                return new TranscodeProgress(processed, speed, Done: value.SequenceEqual("end"));
        }
        return null;
    }
}
