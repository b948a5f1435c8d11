using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class RemuxCommandBuilderTests
{
    [Fact]
    public void Golden_arguments_copy_video_and_audio_into_a_fast_start_mp4()
    {
        new RemuxCommandBuilder().Build("/in/src.mov", "/out/video.mp4", SampleMedia.Landscape()).Should().Equal(
            "-y", "-protocol_whitelist", "file", "-format_whitelist", MediaInput.AllowedDemuxers, "-i", "file:/in/src.mov", "-map", "0:v:0", "-map", "0:a:0",
            "-c", "copy", "-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact", "-movflags", "+faststart", "-f", "mp4", "/out/video.mp4");
    }

    [Fact]
    public void Without_audio_only_the_video_is_mapped()
    {
        new RemuxCommandBuilder().Build("/in/src.mov", "/out/video.mp4", SampleMedia.WithoutAudio(SampleMedia.Landscape())).Should().Equal(
            "-y", "-protocol_whitelist", "file", "-format_whitelist", MediaInput.AllowedDemuxers, "-i", "file:/in/src.mov", "-map", "0:v:0",
            "-c", "copy", "-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact", "-movflags", "+faststart", "-f", "mp4", "/out/video.mp4");
    }
}
