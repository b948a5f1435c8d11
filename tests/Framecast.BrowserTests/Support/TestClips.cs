using Framecast.Tests.Support;

namespace Framecast.BrowserTests.Support;

/// <summary>Clips generated with ffmpeg's lavfi sources into the run's temp folder; short, so processing takes seconds.</summary>
public static class TestClips
{
    /// <summary>4 s of 640x360 H.264/AAC in a fast-start MP4: browser-playable as uploaded, processed in seconds.</summary>
    public static Task<string> ShortAsync(string directory) => MakeAsync(directory, "short.mp4",
        ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart"]);

    /// <summary>
    /// The same length made big (~15 MB) with per-frame noise the encoder cannot squeeze, so a throttled upload of it
    /// is still under way when the test pauses it; its duration stays short so processing it does not slow later tests.
    /// </summary>
    public static Task<string> BigAsync(string directory) => MakeAsync(directory, "big.mp4",
        ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000",
            "-t", "4", "-vf", "noise=alls=40:allf=t", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "24", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest"]);

    /// <summary>
    /// A copy of <paramref name="clip"/> under a unique name (<c>PREFIX + 8 hex</c>, letters and digits only), so the
    /// title the uploader prefills from the file name is unique and searchable.
    /// </summary>
    public static string UniqueCopy(string clip, string prefix)
    {
        var directory = Path.Combine(Path.GetDirectoryName(clip)!, "copies");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{prefix}{Guid.NewGuid().ToString("N")[..8]}{Path.GetExtension(clip)}");
        File.Copy(clip, path);
        return path;
    }

    private static async Task<string> MakeAsync(string directory, string name, string[] args)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await ToolRunner.RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", .. args, "-y", path]);
        return path;
    }
}
