using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

[Collection(MediaClipsCollection.Name)]
public sealed class FfprobeClientTests(MediaClipsFixture clips)
{
    [Theory]
    [InlineData("landscape", 1280, 720, true, false)]
    [InlineData("noaudio", 640, 360, false, false)]
    [InlineData("portrait", 360, 640, true, false)]
    [InlineData("odd", 853, 481, true, false)]
    [InlineData("hdr10", 640, 360, false, true)]
    public async Task Probes_generated_clips(string clip, int displayWidth, int displayHeight, bool hasAudio, bool hdr)
    {
        var info = await new FfprobeClient(clips.Runner).ProbeAsync(clips.PathOf(clip), CancellationToken.None);

        info.DurationSeconds.Should().BeApproximately(2, 0.2);
        info.Video.Should().NotBeNull();
        (info.Video!.DisplayWidth, info.Video.DisplayHeight).Should().Be((displayWidth, displayHeight));
        (info.Audio is not null).Should().Be(hasAudio);
        info.Video.IsHdr.Should().Be(hdr);
    }

    [Fact]
    public async Task An_audio_file_has_no_video()
    {
        var info = await new FfprobeClient(clips.Runner).ProbeAsync(clips.PathOf("audioonly"), CancellationToken.None);

        info.Video.Should().BeNull();
        info.Audio!.Codec.Should().Be("aac");
    }

    [Fact]
    public async Task Junk_bytes_throw_a_media_probe_exception()
    {
        var junk = Path.Combine(clips.Directory, $"junk-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(junk, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);

        var act = () => new FfprobeClient(clips.Runner).ProbeAsync(junk, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<MediaProbeException>()).Which;
        error.FilePath.Should().Be(junk);
        error.Message.Should().Contain("not a media file");
        error.InnerException.Should().BeOfType<FfmpegException>();
    }
}
