using System.Globalization;
using System.Text.RegularExpressions;
using Framecast.Infrastructure.Media;
using Framecast.Tests.Support;

namespace Framecast.Tests.Infrastructure.Media;

[Collection(MediaClipsCollection.Name)]
public sealed class StillImagesEndToEndTests(MediaClipsFixture clips)
{
    [Theory]
    [InlineData("landscape", 1280, 720)]
    [InlineData("portrait", 360, 640)]
    [InlineData("hdr10", 640, 360)]
    public async Task The_thumbnail_is_a_jpeg_that_is_not_black(string clip, int width, int height)
    {
        var info = await Probe(clip);
        var output = Path.Combine(clips.Directory, $"thumb-{clip}-{Guid.NewGuid():N}.jpg");

        await clips.Runner.RunAsync(FfmpegCommand.Ffmpeg(new ThumbnailCommandBuilder().Build(clips.PathOf(clip), output, info)), null, CancellationToken.None);

        (await File.ReadAllBytesAsync(output))[..3].Should().Equal(0xFF, 0xD8, 0xFF);
        var image = await ProbeOutput(output);
        (image.Video!.Width, image.Video.Height).Should().Be((width, height));
        (await AverageLumaAsync(output)).Should().BeGreaterThan(30, "testsrc2 is bright and colourful, a black frame is ~16");
    }

    [Fact]
    public async Task The_storyboard_sprite_and_its_vtt_match_the_plan()
    {
        var info = await Probe("landscape");
        var plan = StoryboardPlan.For(info.DurationSeconds);
        var output = Path.Combine(clips.Directory, $"storyboard-{Guid.NewGuid():N}.jpg");

        await clips.Runner.RunAsync(FfmpegCommand.Ffmpeg(new StoryboardCommandBuilder().Build(clips.PathOf("landscape"), output, info, plan)), null, CancellationToken.None);
        var vtt = StoryboardVttWriter.Write(plan);

        var sprite = await ProbeOutput(output);
        (sprite.Video!.Width, sprite.Video.Height).Should().Be((plan.Columns * 160, plan.Rows * 90));
        var cues = Regex.Matches(vtt, @"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\nstoryboard\.jpg#xywh=(\d+),(\d+),160,90\n");
        vtt.Should().StartWith("WEBVTT\n");
        cues.Should().HaveCount(plan.TileCount);
        cues.Select(c => TimeSpan.Parse(c.Groups[2].Value, CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        cues.Should().OnlyContain(c => int.Parse(c.Groups[3].Value, CultureInfo.InvariantCulture) < sprite.Video.Width);
    }

    [Fact]
    public async Task The_remux_is_a_browser_playable_fast_start_mp4()
    {
        var info = await Probe("landscape");
        InstantPlayback.IsBrowserPlayable(info).Should().BeTrue();
        var output = Path.Combine(clips.Directory, $"remux-{Guid.NewGuid():N}.mp4");

        await clips.Runner.RunAsync(FfmpegCommand.Ffmpeg(new RemuxCommandBuilder().Build(clips.PathOf("landscape"), output, info)), null, CancellationToken.None);

        var remuxed = await ProbeOutput(output);
        (remuxed.Video!.Codec, remuxed.Audio!.Codec).Should().Be(("h264", "aac"));
        var head = (await File.ReadAllBytesAsync(output))[..64];
        System.Text.Encoding.ASCII.GetString(head).Should().Contain("moov", "faststart puts the index before the media data");
    }

    private Task<MediaInfo> Probe(string clip) => new FfprobeClient(clips.Runner).ProbeAsync(clips.PathOf(clip), CancellationToken.None);

    // Our outputs include JPEGs, which uploads may not be: read them with a plain ffprobe, not the upload-restricted client.
    private static async Task<MediaInfo> ProbeOutput(string path) =>
        FfprobeJsonParser.Parse((await ToolRunner.RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path])).Stdout);

    private async Task<double> AverageLumaAsync(string image)
    {
        var result = await clips.Runner.RunAsync(
            FfmpegCommand.Ffmpeg(["-v", "error", "-i", image, "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-", "-f", "null", "-"], withProgress: false),
            null, CancellationToken.None);
        var value = Regex.Match(result.Stdout, @"lavfi\.signalstats\.YAVG=([0-9.]+)").Groups[1].Value;
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}
