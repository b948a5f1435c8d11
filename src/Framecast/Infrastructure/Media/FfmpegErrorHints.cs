namespace Framecast.Infrastructure.Media;

/// <summary>Turns known stderr signatures into a sentence an operator can act on.</summary>
public static class FfmpegErrorHints
{
    private static readonly (string Signature, string Hint)[] Known =
    [
        ("No space left on device", "The disk is full: free space on the data volume, then retry."),
        ("Permission denied", "ffmpeg may not read the input or write the output: check the data folder's owner and mode."),
        ("Invalid data found when processing input", "The file is not a media file ffmpeg can read (corrupt, truncated or not video)."),
        ("moov atom not found", "The MP4 has no index: the upload is incomplete or was cut off while recording."),
        ("Unknown encoder", "This ffmpeg build lacks the encoder: install Debian's ffmpeg (libx264, aac)."),
        ("Encoder not found", "This ffmpeg build lacks the encoder: install Debian's ffmpeg (libx264, aac)."),
        ("No such filter", "This ffmpeg build lacks a filter Framecast needs: install Debian's ffmpeg 5.1 or later."),
        ("Cannot allocate memory", "ffmpeg ran out of memory: lower Jobs:MaxConcurrency or give the worker more memory."),
        ("No such file or directory", "An input or output path does not exist: the source may have been deleted meanwhile."),
    ];

    // What ffmpeg says when the input itself is at fault: running it again gives the same answer.
    private static readonly string[] InputFaults =
    [
        "Invalid data found when processing input",
        "moov atom not found",
        "Output file is empty, nothing was encoded",
        "Could not find codec parameters",
        "does not contain any stream",
        "Format not on whitelist",
        "Protocol not on whitelist",
        "Decoding requested, but no decoder found",
    ];

    /// <summary>True when the stderr says the input is damaged or unreadable, so a retry cannot help.</summary>
    public static bool IsInputFault(IEnumerable<string> stderrTail) =>
        stderrTail.Any(line => InputFaults.Any(f => line.Contains(f, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The hint for the first known signature in <paramref name="stderrTail"/>, or null.</summary>
    public static string? For(IEnumerable<string> stderrTail)
    {
        var lines = stderrTail as IReadOnlyCollection<string> ?? [.. stderrTail];
        foreach (var (signature, hint) in Known)
        {
            if (lines.Any(l => l.Contains(signature, StringComparison.OrdinalIgnoreCase)))
            {
                return hint;
            }
        }
        return null;
    }
}
