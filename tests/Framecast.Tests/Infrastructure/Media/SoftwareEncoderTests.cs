using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Media.Encoders;
using Microsoft.Extensions.Options;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class SoftwareEncoderTests
{
    private static readonly PlannedRung P720 = new("720p", 1280, 720, 2800, 128);
    private static readonly PlannedRung P360 = new("360p", 640, 360, 800, 96);

    [Fact]
    public void Golden_arguments_for_two_rungs()
    {
        var encoder = new SoftwareEncoder(Options.Create(new ProcessingOptions()));

        encoder.Arguments([P720, P360], frameRate: 30, segmentSeconds: 4).Should().Equal(
            "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-g", "120", "-keyint_min", "120", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*4)",
            "-b:v:0", "2800k", "-maxrate:v:0", "3080k", "-bufsize:v:0", "5600k", "-level:v:0", "3.1",
            "-b:v:1", "800k", "-maxrate:v:1", "880k", "-bufsize:v:1", "1600k", "-level:v:1", "3.0");
    }

    [Fact]
    public void The_preset_and_gop_follow_the_options_and_frame_rate()
    {
        var encoder = new SoftwareEncoder(Options.Create(new ProcessingOptions { Preset = "medium" }));

        var args = encoder.Arguments([P360], frameRate: 25, segmentSeconds: 6);

        args.Should().ContainInConsecutiveOrder("-preset", "medium");
        args.Should().ContainInConsecutiveOrder("-g", "150", "-keyint_min", "150");
        args.Should().ContainInConsecutiveOrder("-force_key_frames", "expr:gte(t,n_forced*6)");
    }

    [Theory]
    [InlineData(1920, 1080, 30, "avc1.640028")]
    [InlineData(1920, 1080, 60, "avc1.64002a")]
    [InlineData(1080, 1920, 30, "avc1.640028")]
    [InlineData(1280, 720, 30, "avc1.64001f")]
    [InlineData(1280, 720, 60, "avc1.640020")]
    [InlineData(426, 240, 30, "avc1.64001e")]
    [InlineData(3840, 2160, 30, "avc1.640033")]
    public void Codec_strings_carry_the_lowest_level_that_fits(int width, int height, int fps, string expected)
    {
        var encoder = new SoftwareEncoder(Options.Create(new ProcessingOptions()));

        encoder.CodecString(new PlannedRung("x", width, height, 1000, 96), fps).Should().Be(expected);
    }
}
