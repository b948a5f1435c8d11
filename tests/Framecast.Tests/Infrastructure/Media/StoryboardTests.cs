using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class StoryboardTests
{
    [Theory]
    [InlineData(2, 1, 2, 2, 1)]
    [InlineData(95.5, 1, 96, 10, 10)]
    [InlineData(100, 1, 100, 10, 10)]
    [InlineData(7200, 72, 100, 10, 10)]
    [InlineData(250, 3, 84, 10, 9)]
    [InlineData(0, 1, 1, 1, 1)]
    public void At_most_100_tiles_whole_seconds_apart_ten_per_row(double duration, int interval, int tiles, int columns, int rows)
    {
        var plan = StoryboardPlan.For(duration);

        (plan.IntervalSeconds, plan.TileCount, plan.Columns, plan.Rows).Should().Be((interval, tiles, columns, rows));
    }

    [Fact]
    public void Golden_arguments_for_a_250_second_video()
    {
        var args = new StoryboardCommandBuilder().Build("/in/a.mp4", "/out/storyboard.jpg", SampleMedia.Landscape(duration: 250), StoryboardPlan.For(250));

        args.Should().Equal(
            "-y", "-protocol_whitelist", "file", "-format_whitelist", MediaInput.AllowedDemuxers, "-i", "file:/in/a.mp4", "-an", "-sn",
            "-vf", "fps=1/3,scale=w=160:h=90:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=160:90:(ow-iw)/2:(oh-ih)/2,setsar=1,tile=10x9",
            "-frames:v", "1", "-q:v", "4", "-update", "1", "-f", "image2", "/out/storyboard.jpg");
    }

    [Fact]
    public void The_vtt_maps_each_time_range_to_its_tile_and_ends_at_the_duration()
    {
        var vtt = StoryboardVttWriter.Write(StoryboardPlan.For(25.5) with { Columns = 2, Rows = 13 });

        vtt.Should().StartWith("""
            WEBVTT

            00:00:00.000 --> 00:00:01.000
            storyboard.jpg#xywh=0,0,160,90

            00:00:01.000 --> 00:00:02.000
            storyboard.jpg#xywh=160,0,160,90

            00:00:02.000 --> 00:00:03.000
            storyboard.jpg#xywh=0,90,160,90

            """.ReplaceLineEndings("\n"));
        vtt.Should().EndWith("""
            00:00:25.000 --> 00:00:25.500
            storyboard.jpg#xywh=160,1080,160,90

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Long_videos_get_hour_timestamps()
    {
        var vtt = StoryboardVttWriter.Write(StoryboardPlan.For(7200), "/media/v1/storyboard.jpg");

        vtt.Should().Contain("01:58:48.000 --> 02:00:00.000\n/media/v1/storyboard.jpg#xywh=1440,810,160,90\n");
    }
}
