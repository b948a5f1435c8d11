namespace Framecast.Infrastructure.Media;

/// <summary>ffmpeg or ffprobe exited non-zero. The message carries the operator hint and the last stderr line.</summary>
public class FfmpegException : Exception
{
    public FfmpegException(int exitCode, IReadOnlyList<string> stderrTail, string tool = FfmpegCommand.FfmpegTool)
        : this($"{tool} exited with code {exitCode}", exitCode, stderrTail)
    {
    }

    protected FfmpegException(string summary, int exitCode, IReadOnlyList<string> stderrTail)
        : base(Compose(summary, stderrTail))
    {
        ExitCode = exitCode;
        StderrTail = stderrTail;
        Hint = FfmpegErrorHints.For(stderrTail);
    }

    public int ExitCode { get; }

    /// <summary>The last 50 stderr lines, oldest first.</summary>
    public IReadOnlyList<string> StderrTail { get; }

    /// <summary>What an operator should do, when the stderr matches a known signature.</summary>
    public string? Hint { get; }

    private static string Compose(string summary, IReadOnlyList<string> tail)
    {
        var hint = FfmpegErrorHints.For(tail);
        var last = tail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        return string.Join(": ", new[] { summary, hint, last }.Where(p => p is not null));
    }
}
