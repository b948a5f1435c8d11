using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class FfprobeJsonParserTests
{
    [Fact]
    public void A_720p_h264_aac_mp4()
    {
        var info = FfprobeJsonParser.Parse(ProbeSamples.Landscape720p);

        info.FormatName.Should().Be("mov,mp4,m4a,3gp,3g2,mj2");
        info.DurationSeconds.Should().BeApproximately(2.0, 0.05);
        info.SizeBytes.Should().BeGreaterThan(0);
        info.Video.Should().Be(new VideoStreamInfo("h264", 1280, 720, 1280, 720, 0, 30, "yuv420p", 8, null, Profile: "Constrained Baseline", Level: 31, BitRate: 7400840));
        info.Video!.IsHdr.Should().BeFalse();
        info.Audio.Should().Be(new AudioStreamInfo("aac", 1, 48000));
    }

    [Fact]
    public void A_rotated_phone_clip_swaps_the_display_dimensions()
    {
        var video = FfprobeJsonParser.Parse(ProbeSamples.RotatedPhone).Video!;

        video.Rotation.Should().Be(270, "a -90° display matrix");
        (video.Width, video.Height).Should().Be((640, 360));
        (video.DisplayWidth, video.DisplayHeight).Should().Be((360, 640));
    }

    [Fact]
    public void A_clip_without_audio_has_no_audio_stream()
    {
        var info = FfprobeJsonParser.Parse(ProbeSamples.NoAudio);

        info.Audio.Should().BeNull();
        info.Video!.FrameRate.Should().Be(25);
    }

    [Fact]
    public void A_10_bit_pq_clip_is_hdr_with_its_bit_depth()
    {
        var video = FfprobeJsonParser.Parse(ProbeSamples.TenBitHdr).Video!;

        video.PixelFormat.Should().Be("yuv420p10le");
        video.BitDepth.Should().Be(10);
        video.ColorTransfer.Should().Be("smpte2084");
        video.IsHdr.Should().BeTrue();
    }

    [Fact]
    public void Cover_art_and_unknown_codecs_are_not_video()
    {
        const string json = """
            {"streams":[
              {"codec_type":"video","codec_name":"mjpeg","width":600,"height":600,"disposition":{"attached_pic":1}},
              {"codec_type":"video","width":640,"height":360},
              {"codec_type":"audio","codec_name":"mp3","channels":2,"sample_rate":"44100"}],
             "format":{"format_name":"mp3","duration":"N/A","size":"1234"}}
            """;

        var info = FfprobeJsonParser.Parse(json);

        info.Video.Should().BeNull();
        info.Audio.Should().Be(new AudioStreamInfo("mp3", 2, 44100));
        info.DurationSeconds.Should().Be(0);
    }

    [Theory]
    [InlineData("\"avg_frame_rate\":\"30000/1001\"", 29.97)]
    [InlineData("\"avg_frame_rate\":\"0/0\",\"r_frame_rate\":\"25/1\"", 25)]
    [InlineData("\"avg_frame_rate\":\"0/0\",\"r_frame_rate\":\"0/0\"", 0)]
    public void Frame_rate_falls_back_from_avg_to_r_then_zero(string rates, double expected)
    {
        var video = FfprobeJsonParser.Parse(Video(rates)).Video!;

        video.FrameRate.Should().BeApproximately(expected, 0.01);
    }

    [Theory]
    [InlineData("\"tags\":{\"rotate\":\"90\"}", 90, 360, 640)]
    [InlineData("\"side_data_list\":[{\"side_data_type\":\"Display Matrix\",\"rotation\":180}]", 180, 640, 360)]
    [InlineData("\"side_data_list\":[{\"rotation\":-270}]", 90, 360, 640)]
    [InlineData("\"sample_aspect_ratio\":\"4:3\"", 0, 853, 360)]
    public void Rotation_and_sample_aspect_ratio_shape_the_display_size(string extra, int rotation, int width, int height)
    {
        var video = FfprobeJsonParser.Parse(Video(extra)).Video!;

        (video.Rotation, video.DisplayWidth, video.DisplayHeight).Should().Be((rotation, width, height));
    }

    [Theory]
    [InlineData("yuv420p", null, 8)]
    [InlineData("yuv422p10le", null, 10)]
    [InlineData("p010le", null, 10)]
    [InlineData("gray12be", null, 12)]
    [InlineData("nv20le", "10", 10)]
    [InlineData(null, null, 8)]
    public void Bit_depth_comes_from_the_pixel_format_then_bits_per_raw_sample(string? pixelFormat, string? rawBits, int expected)
    {
        var extra = string.Join(',', new[]
        {
            pixelFormat is null ? null : $"\"pix_fmt\":\"{pixelFormat}\"",
            rawBits is null ? null : $"\"bits_per_raw_sample\":\"{rawBits}\"",
        }.OfType<string>().DefaultIfEmpty("\"index\":0"));

        FfprobeJsonParser.Parse(Video(extra)).Video!.BitDepth.Should().Be(expected);
    }

    private static string Video(string extra) =>
        $$$"""{"streams":[{"codec_type":"video","codec_name":"h264","width":640,"height":360,{{{extra}}}}],"format":{"format_name":"matroska,webm"}}""";
}
