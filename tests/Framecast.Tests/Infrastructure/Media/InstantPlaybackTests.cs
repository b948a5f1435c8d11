using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class InstantPlaybackTests
{
    [Fact]
    public void H264_8_bit_with_aac_or_no_audio_in_mp4_or_mkv_plays_in_browsers()
    {
        InstantPlayback.IsBrowserPlayable(FfprobeJsonParser.Parse(ProbeSamples.Landscape720p)).Should().BeTrue();
        InstantPlayback.IsBrowserPlayable(FfprobeJsonParser.Parse(ProbeSamples.NoAudio)).Should().BeTrue();
        InstantPlayback.IsBrowserPlayable(SampleMedia.Landscape() with { FormatName = "matroska,webm" }).Should().BeTrue();
    }

    [Fact]
    public void Ten_bit_hevc_other_audio_or_other_containers_wait_for_the_ladder()
    {
        var h264 = SampleMedia.Landscape();

        InstantPlayback.IsBrowserPlayable(FfprobeJsonParser.Parse(ProbeSamples.TenBitHdr)).Should().BeFalse();
        InstantPlayback.IsBrowserPlayable(SampleMedia.Hdr10()).Should().BeFalse();
        InstantPlayback.IsBrowserPlayable(h264 with { Audio = new AudioStreamInfo("ac3", 6, 48000) }).Should().BeFalse();
        InstantPlayback.IsBrowserPlayable(h264 with { Video = h264.Video! with { PixelFormat = "yuv422p" } }).Should().BeFalse();
        InstantPlayback.IsBrowserPlayable(h264 with { FormatName = "avi" }).Should().BeFalse();
        InstantPlayback.IsBrowserPlayable(h264 with { Video = null }).Should().BeFalse();
    }
}
