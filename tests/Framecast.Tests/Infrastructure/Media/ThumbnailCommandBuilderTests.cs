using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class ThumbnailCommandBuilderTests
{
    [Fact]
    public void Golden_arguments_seek_10_percent_in_and_pick_a_representative_frame()
    {
        new ThumbnailCommandBuilder().Build("/in/a.mp4", "/out/thumbnail.jpg", SampleMedia.Landscape(duration: 60)).Should().Equal(
            "-y", "-ss", "6", "-protocol_whitelist", "file", "-format_whitelist", MediaInput.AllowedDemuxers, "-i", "file:/in/a.mp4", "-an", "-sn",
            "-vf", "scale=w=1280:h=720,setsar=1,thumbnail=n=50",
            "-frames:v", "1", "-q:v", "3", "-update", "1", "-f", "image2", "/out/thumbnail.jpg");
    }

    [Fact]
    public void The_seek_is_capped_and_large_or_hdr_sources_are_scaled_and_tone_mapped()
    {
        var args = new ThumbnailCommandBuilder().Build("/in/a.mp4", "/out/t.jpg", SampleMedia.Hdr10() with { DurationSeconds = 7200 });

        args.Should().ContainInConsecutiveOrder("-ss", "30");
        args[args.ToList().IndexOf("-vf") + 1].Should().StartWith("scale=w=1280:h=720,setsar=1,zscale=tin=smpte2084:")
            .And.EndWith("format=yuv420p,thumbnail=n=50");
    }

    [Theory]
    [InlineData(1920, 1080, 1280, 720)]
    [InlineData(1080, 1920, 1080, 1920)]
    [InlineData(853, 481, 852, 480)]
    [InlineData(4096, 1716, 1280, 536)]
    public void Size_is_at_most_1280_wide_even_and_keeps_the_aspect(int width, int height, int expectedWidth, int expectedHeight)
    {
        ThumbnailCommandBuilder.Size(width, height).Should().Be((expectedWidth, expectedHeight));
    }
}
