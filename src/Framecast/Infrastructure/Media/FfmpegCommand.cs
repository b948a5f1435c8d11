namespace Framecast.Infrastructure.Media;

/// <summary>
/// One run of ffmpeg or ffprobe. <see cref="Arguments"/> go into <c>ProcessStartInfo.ArgumentList</c> one by one, so
/// nothing is ever quoted or passed through a shell. Build it with <see cref="Ffmpeg"/> or <see cref="Ffprobe"/>.
/// </summary>
public sealed record FfmpegCommand
{
    public const string FfmpegTool = "ffmpeg";
    public const string FfprobeTool = "ffprobe";

    private FfmpegCommand(string tool, IReadOnlyList<string> arguments, bool reportsProgress)
    {
        Tool = tool;
        Arguments = arguments;
        ReportsProgress = reportsProgress;
    }

    public string Tool { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>True when stdout carries <c>-progress</c> blocks rather than data; only such runs can stall-detect.</summary>
    public bool ReportsProgress { get; }

    /// <summary>Appended to: the command line, then every stderr line. Several steps of one job may share a log.</summary>
    public string? LogPath { get; init; }

    /// <summary>A progress-reporting run that prints no progress block for this long is killed as stalled.</summary>
    public TimeSpan? StallTimeout { get; init; }

    /// <summary>
    /// An ffmpeg run. With <paramref name="withProgress"/> the machine-readable progress goes to stdout
    /// (<c>-progress pipe:1 -nostats</c>), so the command must not write its own output to stdout.
    /// </summary>
    public static FfmpegCommand Ffmpeg(IReadOnlyList<string> arguments, bool withProgress = true)
    {
        List<string> all = withProgress ? ["-hide_banner", "-nostats", "-progress", "pipe:1"] : ["-hide_banner"];
        all.AddRange(arguments);
        return new FfmpegCommand(FfmpegTool, all, withProgress);
    }

    public static FfmpegCommand Ffprobe(IReadOnlyList<string> arguments) => new(FfprobeTool, [.. arguments], reportsProgress: false);

    /// <summary>For logs only; never executed.</summary>
    public string ToDisplayString() =>
        string.Join(' ', Arguments.Prepend(Tool).Select(a => a.Length > 0 && !a.Any(char.IsWhiteSpace) && !a.Contains('"') ? a : $"\"{a.Replace("\"", "\\\"")}\""));
}
