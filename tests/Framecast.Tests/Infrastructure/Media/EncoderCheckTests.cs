using Framecast.Infrastructure.Media;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class EncoderCheckTests
{
    [Fact]
    public void Parses_encoder_names_after_the_rule()
    {
        const string stdout = """
            Encoders:
             V..... = Video
             A..... = Audio
             ------
             V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
             A....D aac                  AAC (Advanced Audio Coding)
            """;

        EncoderCheck.ParseEncoders(stdout).Should().BeEquivalentTo(["libx264", "aac"]);
    }

    [Fact]
    public async Task Debians_ffmpeg_has_libx264_and_aac()
    {
        var check = new EncoderCheck(new FfmpegRunner(TimeProvider.System, NullLogger<FfmpegRunner>.Instance));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        result.Status.Should().Be(HealthStatus.Healthy, result.Description);
        result.Data.Should().Contain("libx264", true).And.Contain("aac", true);
    }
}
