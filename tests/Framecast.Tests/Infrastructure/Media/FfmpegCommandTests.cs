using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class FfmpegCommandTests
{
    [Fact]
    public void Progress_runs_send_machine_readable_progress_to_stdout()
    {
        var command = FfmpegCommand.Ffmpeg(["-i", "in.mp4", "out.mp4"]);

        command.Tool.Should().Be("ffmpeg");
        command.ReportsProgress.Should().BeTrue();
        command.Arguments.Should().Equal("-hide_banner", "-nostats", "-progress", "pipe:1", "-i", "in.mp4", "out.mp4");
    }

    [Fact]
    public void Plain_and_ffprobe_runs_keep_stdout_for_data()
    {
        FfmpegCommand.Ffmpeg(["-encoders"], withProgress: false).Arguments.Should().Equal("-hide_banner", "-encoders");
        var probe = FfmpegCommand.Ffprobe(["-show_format", "x.mp4"]);
        (probe.Tool, probe.ReportsProgress).Should().Be(("ffprobe", false));
        probe.Arguments.Should().Equal("-show_format", "x.mp4");
    }

    [Fact]
    public void The_display_string_quotes_arguments_with_spaces_for_the_log()
    {
        FfmpegCommand.Ffprobe(["-i", "my clip.mp4", ""]).ToDisplayString().Should().Be("ffprobe -i \"my clip.mp4\" \"\"");
    }

    [Theory]
    [InlineData("/tmp/x: Invalid data found when processing input", "not a media file")]
    [InlineData("av_interleaved_write_frame(): No space left on device", "disk is full")]
    [InlineData("/data/x.mp4: Permission denied", "check the data folder")]
    [InlineData("Unknown encoder 'libfoo'", "lacks the encoder")]
    [InlineData("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found", "upload is incomplete")]
    public void Known_stderr_signatures_get_an_operator_hint(string line, string hint)
    {
        var exception = new FfmpegException(1, ["some noise", line]);

        exception.Hint.Should().Contain(hint);
        exception.Message.Should().Contain(hint).And.Contain(line).And.StartWith("ffmpeg exited with code 1");
    }

    [Fact]
    public void Unknown_errors_carry_the_last_stderr_line()
    {
        var exception = new FfmpegException(183, ["first", "the real problem", ""], "ffprobe");

        exception.Hint.Should().BeNull();
        exception.Message.Should().Be("ffprobe exited with code 183: the real problem");
    }
}
