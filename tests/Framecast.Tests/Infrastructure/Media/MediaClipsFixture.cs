using Framecast.Infrastructure.Media;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framecast.Tests.Infrastructure.Media;

/// <summary>Tiny 2-second lavfi clips, generated once per test run into a temp folder the fixture deletes.</summary>
public sealed class MediaClipsFixture : IAsyncLifetime
{
    public static readonly string[] VideoClips = ["landscape", "noaudio", "portrait", "odd", "hdr10"];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"framecast-media-{Guid.NewGuid():N}");

    public FfmpegRunner Runner { get; } = new(TimeProvider.System, NullLogger<FfmpegRunner>.Instance);

    public string PathOf(string clip) => Path.Combine(Directory, clip == "audioonly" ? "audioonly.m4a" : $"{clip}.mp4");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var tone = new[] { "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000" };
        var fast = new[] { "-t", "2", "-c:v", "libx264", "-preset", "ultrafast" };
        await GenerateAsync([.. Source("1280x720", 30), .. tone, .. fast, "-pix_fmt", "yuv420p", "-c:a", "aac", PathOf("landscape")]);
        await GenerateAsync([.. Source("640x360", 25), .. fast, "-pix_fmt", "yuv420p", PathOf("noaudio")]);
        // testsrc2 rounds its size to even, so scale; odd sizes need 4:4:4 in libx264, which the ladder must convert too.
        await GenerateAsync([.. Source("854x480", 30), .. tone, .. fast, "-vf", "scale=853:481,setsar=1", "-pix_fmt", "yuv444p", "-c:a", "aac", PathOf("odd")]);
        await GenerateAsync(
        [
            .. Source("640x360", 24), .. fast, "-pix_fmt", "yuv420p10le",
            "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", PathOf("hdr10"),
        ]);
        await GenerateAsync([.. tone, "-t", "1", "-c:a", "aac", PathOf("audioonly")]);
        // ffmpeg 5.1 has no -display_rotation, and only writes the rotate tag as a display matrix when stream-copying.
        var unrotated = Path.Combine(Directory, "unrotated.mp4");
        await GenerateAsync([.. Source("640x360", 30), .. tone, .. fast, "-pix_fmt", "yuv420p", "-c:a", "aac", unrotated]);
        await GenerateAsync(["-i", unrotated, "-c", "copy", "-metadata:s:v:0", "rotate=90", PathOf("portrait")]);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    private static string[] Source(string size, int rate) => ["-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}"];

    private Task GenerateAsync(string[] arguments) =>
        Runner.RunAsync(FfmpegCommand.Ffmpeg(["-y", "-v", "error", .. arguments]), null, CancellationToken.None);
}
