using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class FfmpegProgressParserTests
{
    // Two blocks as ffmpeg 5.1 prints them with -progress pipe:1 (the first before any packet was written).
    private const string Captured = """
        frame=0
        fps=0.00
        stream_0_0_q=0.0
        bitrate=N/A
        total_size=0
        out_time_us=N/A
        out_time_ms=N/A
        out_time=N/A
        dup_frames=0
        drop_frames=0
        speed=N/A
        progress=continue
        frame=120
        fps=59.87
        stream_0_0_q=28.0
        bitrate= 211.6kbits/s
        total_size=105802
        out_time_us=4000000
        out_time_ms=4000000
        out_time=00:00:04.000000
        dup_frames=0
        drop_frames=0
        speed=1.99x
        progress=continue
        out_time_us=6000000
        speed=2.5x
        progress=end
        """;

    [Fact]
    public void Reports_one_progress_per_block_with_time_speed_and_end()
    {
        var parser = new FfmpegProgressParser();

        var reports = Captured.Split('\n').Select(parser.Accept).OfType<TranscodeProgress>().ToList();

        reports.Should().Equal(
            new TranscodeProgress(TimeSpan.Zero, null, false),
            new TranscodeProgress(TimeSpan.FromSeconds(4), 1.99, false),
            new TranscodeProgress(TimeSpan.FromSeconds(6), 2.5, true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("out_time_us=N/A")]
    [InlineData("=x")]
    public void Lines_that_do_not_close_a_block_report_nothing(string line)
    {
        new FfmpegProgressParser().Accept(line).Should().BeNull();
    }

    [Fact]
    public void Fraction_is_relative_to_the_source_duration_and_one_when_done()
    {
        new TranscodeProgress(TimeSpan.FromSeconds(5), 1, false).FractionOf(20).Should().Be(0.25);
        new TranscodeProgress(TimeSpan.FromSeconds(30), 1, false).FractionOf(20).Should().Be(1);
        new TranscodeProgress(TimeSpan.FromSeconds(5), 1, false).FractionOf(0).Should().Be(0);
        new TranscodeProgress(TimeSpan.FromSeconds(5), 1, true).FractionOf(20).Should().Be(1);
    }
}
