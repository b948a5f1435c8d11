namespace Framecast.Tests.Support;

/// <summary>Short clips generated with ffmpeg's lavfi sources, made once per test run.</summary>
public static class TestClips
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "framecast-test-clips");
    private static readonly Dictionary<string, Lazy<Task<string>>> Clips = new()
    {
        // H.264 + AAC in MP4, browser-playable as is: gets instant playback.
        ["720p-audio.mp4"] = Clip("720p-audio.mp4", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"]),
        // VP9 without audio in WebM: needs the ladder before it can be watched.
        ["silent.webm"] = Clip("silent.webm", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-t", "3", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k"]),
        // Long enough to kill the server mid-transcode, short enough to re-run quickly.
        ["medium-720p.mp4"] = Clip("medium-720p.mp4", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=220",
            "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"]),
        // Already the ladder's 720p rendition (H.264 High, 2 Mbps, a keyframe every 2 s): its top rung is copied, not encoded.
        ["720p-ladder-ready.mp4"] = Clip("720p-ladder-ready.mp4", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=550",
            "-t", "6", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-b:v", "2000k", "-maxrate", "2400k", "-bufsize", "4000k",
            "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"]),
        // What a phone writes: its GPS position, make and model as QuickTime metadata (H.264 + AAC, so it is remuxed too).
        ["phone-metadata.mov"] = Clip("phone-metadata.mov", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=330",
            "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
            "-metadata", "location=+48.8584+002.2945/", "-metadata", "com.apple.quicktime.location.ISO6709=+48.8584+002.2945+035.000/",
            "-metadata", "com.apple.quicktime.make=Apple", "-metadata", "com.apple.quicktime.model=iPhone 15 Pro", "-movflags", "use_metadata_tags"]),
        // Long enough that a deletion lands while ffmpeg is still encoding.
        ["long-720p.mp4"] = Clip("long-720p.mp4", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "60", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]),
    };

    public static Task<string> GetAsync(string name) => Clips[name].Value;

    private static Lazy<Task<string>> Clip(string name, string[] args) => new(async () =>
    {
        Directory.CreateDirectory(Dir);
        var path = Path.Combine(Dir, name);
        if (!File.Exists(path))
        {
            var temp = Path.Combine(Dir, $"{Guid.NewGuid():N}-{name}");
            await RunFfmpegAsync([.. args, "-y", temp]);
            File.Move(temp, path, overwrite: true);
        }
        return path;
    });

    /// <summary>Runs ffmpeg and returns its stderr; throws on a non-zero exit.</summary>
    public static async Task<string> RunFfmpegAsync(IEnumerable<string> args) =>
        (await ToolRunner.RunAsync("ffmpeg", new[] { "-hide_banner", "-nostdin" }.Concat(args))).Stderr;
}
